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
</TS>
