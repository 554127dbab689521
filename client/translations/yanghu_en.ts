<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>yanghu::client::AssetsView</name>
    <message numerus="yes">
        <source>%n asset(s)</source>
        <translation>
            <numerusform>%n asset</numerusform>
            <numerusform>%n assets</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>yanghu::client::LoginDialog</name>
    <message numerus="yes">
        <source>Too many failed attempts. Try again in %n second(s).</source>
        <translation>
            <numerusform>Too many failed attempts. Try again in %n second.</numerusform>
            <numerusform>Too many failed attempts. Try again in %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>yanghu::client::MainWindow</name>
    <message numerus="yes">
        <source>%n edit(s) to send</source>
        <translation>
            <numerusform>%n edit to send</numerusform>
            <numerusform>%n edits to send</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n edit(s) made on this laptop have not reached the server yet. Signing out now would leave them where nobody sees them.

Sync first, or export them to a file for the office and then sign out.</source>
        <translation>
            <numerusform>%n edit made on this laptop has not reached the server yet. Signing out now would leave it where nobody sees it.

Sync first, or export it to a file for the office and then sign out.</numerusform>
            <numerusform>%n edits made on this laptop have not reached the server yet. Signing out now would leave them where nobody sees them.

Sync first, or export them to a file for the office and then sign out.</numerusform>
        </translation>
    </message>
</context>
</TS>
