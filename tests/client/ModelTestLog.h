// SPDX-License-Identifier: MIT
#pragma once

#include <QLoggingCategory>
#include <QString>
#include <QStringList>

namespace yanghu::clienttest {

// Collects what QAbstractItemModelTester reports (category qt.modeltest) while it lives, so a
// test can assert that a model broke none of the rules.
class ModelTestLog {
public:
    ModelTestLog()
    {
        s_failures.clear();
        m_previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& context, const QString& text) {
            if (context.category && QLatin1String(context.category) == QLatin1String("qt.modeltest") && type >= QtWarningMsg)
                s_failures << text;
        });
    }
    ~ModelTestLog() { qInstallMessageHandler(m_previous); }
    ModelTestLog(const ModelTestLog&) = delete;
    ModelTestLog& operator=(const ModelTestLog&) = delete;
    const QStringList& failures() const { return s_failures; }

private:
    static inline QStringList s_failures;
    QtMessageHandler m_previous;
};

} // namespace yanghu::clienttest
