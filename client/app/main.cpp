// SPDX-License-Identifier: MIT
#include "app/Translations.h"

#include <QApplication>
#include <QTextStream>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Yanghu"));
    yanghu::client::installTranslations(app, QLocale::system());
    // The first window (the field crew's night shift) arrives with the desktop-client issue.
    QTextStream(stderr) << QApplication::translate("main", "The Yanghu desktop client has no window yet.") << '\n';
    return 1;
}
