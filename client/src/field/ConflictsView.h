// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;

namespace yanghu::client {

// What happened to this laptop's edits that did not go through as made, in plain words: the
// conflicts the server recorded (whose change stands, and why) and the operations it refused
// (with the reason). "Mark all as read" takes them out of the status bar's count; the records
// stay on the server for the dispatcher.
class ConflictsView : public QWidget {
    Q_OBJECT
public:
    explicit ConflictsView(Replica& replica, QWidget* parent = nullptr);

    void refresh();
    QTableWidget& table() { return *m_table; }
    // One conflict as the crew reads it (translated).
    QString explain(const ConflictEntry& conflict) const;

public slots:
    void markAllRead();

signals:
    void backRequested();
    void read(); // the counts changed

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    QString whatRow(const std::string& entity, const std::string& rowId) const;

    Replica& m_replica;
    QLabel* m_heading;
    QTableWidget* m_table;
    QLabel* m_empty;
    QPushButton* m_back;
    QPushButton* m_markRead;
};

} // namespace yanghu::client
