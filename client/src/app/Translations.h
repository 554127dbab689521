// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace yanghu::client {

// Installs the Yanghu and Qt translators for `locale` (zh_CN or English; others fall back to
// English), replacing those a previous call installed: open windows receive a LanguageChange
// event and retranslate. Returns the name of the locale actually used ("zh_CN" or "en").
QString installTranslations(QCoreApplication& app, const QLocale& locale);

// The locale for a Profile language setting: "zh_CN", "en", or "" for the system's.
QLocale localeFor(const QString& language);

} // namespace yanghu::client
