// SPDX-License-Identifier: MIT
#include "app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace yanghu::client {

QString installTranslations(QCoreApplication& app, const QLocale& locale)
{
    if (locale.language() != QLocale::Chinese) return QStringLiteral("en");
    // Owned by the application: translators must outlive every tr() call.
    auto* qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                           QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qtTranslator);
    auto* ownTranslator = new QTranslator(&app);
    if (ownTranslator->load(locale, QStringLiteral("yanghu"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ownTranslator);
    return QStringLiteral("zh_CN");
}

} // namespace yanghu::client
