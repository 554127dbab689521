// SPDX-License-Identifier: MIT
#pragma once

#include <QLocale>
#include <QString>

class QCoreApplication;

namespace yanghu::client {

// Installs the Yanghu and Qt translators for `locale` (zh_CN or English; others fall back to
// English). Returns the name of the locale actually used.
QString installTranslations(QCoreApplication& app, const QLocale& locale);

} // namespace yanghu::client
