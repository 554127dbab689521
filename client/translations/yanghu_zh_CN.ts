<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>main</name>
    <message>
        <source>The Yanghu desktop client has no window yet.</source>
        <translation>养护桌面客户端尚无窗口。</translation>
    </message>
</context>
<context>
    <name>yanghu::client::SyncSession</name>
    <message>
        <source>Synchronised: %1 changes sent, %2 rows received.</source>
        <translation>同步完成：已发送 %1 项修改，已接收 %2 行。</translation>
    </message>
    <message>
        <source>Synchronisation cancelled. Nothing was lost; it continues next time.</source>
        <translation>同步已取消。没有丢失任何数据，下次同步时继续。</translation>
    </message>
    <message>
        <source>Your sign-in has expired. Sign in again to synchronise; your changes are kept.</source>
        <translation>登录已过期。请重新登录后再同步；您的修改已保留。</translation>
    </message>
    <message>
        <source>This version of Yanghu cannot synchronise with the server (server protocol %1). Update the program; your unsent changes are kept.</source>
        <translation>此版本的养护无法与服务器同步（服务器协议 %1）。请更新程序；尚未发送的修改已保留。</translation>
    </message>
    <message>
        <source>The server cannot be reached (%1). Your changes are kept and will be sent next time.</source>
        <translation>无法连接服务器（%1）。您的修改已保留，下次同步时发送。</translation>
    </message>
    <message>
        <source>The server could not complete the synchronisation (%1). Your changes are kept; try again later.</source>
        <translation>服务器未能完成同步（%1）。您的修改已保留，请稍后再试。</translation>
    </message>
    <message>
        <source>The local database could not be written (%1).</source>
        <translation>无法写入本地数据库（%1）。</translation>
    </message>
</context>
</TS>
