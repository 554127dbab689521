// SPDX-License-Identifier: MIT
#include "app/Translations.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace yanghu::client {

namespace {

const QString kInstalled = QStringLiteral("yanghu-installed-translator");

} // namespace

QString installTranslations(QCoreApplication& app, const QLocale& locale)
{
    // Owned by the application: translators must outlive every tr() call. Those of an
    // earlier language go first (removing or installing one sends LanguageChange).
    for (QTranslator* old : app.findChildren<QTranslator*>(kInstalled, Qt::FindDirectChildrenOnly)) {
        QCoreApplication::removeTranslator(old);
        delete old;
    }
    const bool chinese = locale.language() == QLocale::Chinese;
    const QLocale used =
        chinese ? QLocale(QLocale::Chinese, QLocale::China) : QLocale(QLocale::English, QLocale::UnitedStates);
    if (chinese) {
        auto* qtTranslator = new QTranslator(&app);
        qtTranslator->setObjectName(kInstalled);
        if (qtTranslator->load(used, QStringLiteral("qtbase"), QStringLiteral("_"),
                               QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
            QCoreApplication::installTranslator(qtTranslator);
    }
    // English is the source language; its file holds the plural forms only.
    auto* ownTranslator = new QTranslator(&app);
    ownTranslator->setObjectName(kInstalled);
    if (ownTranslator->load(used, QStringLiteral("yanghu"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(ownTranslator);
    return chinese ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

QLocale localeFor(const QString& language)
{
    if (language == QLatin1String("zh_CN")) return QLocale(QLocale::Chinese, QLocale::China);
    if (language == QLatin1String("en")) return QLocale(QLocale::English, QLocale::UnitedStates);
    return QLocale::system();
}

} // namespace yanghu::client
