// SPDX-License-Identifier: MIT
#include "field/ConflictsView.h"

#include "app/Labels.h"
#include "field/RowText.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

namespace yanghu::client {

ConflictsView::ConflictsView(Replica& replica, QWidget* parent) : QWidget(parent), m_replica(replica)
{
    setObjectName(QStringLiteral("conflictsView"));
    m_heading = new QLabel(this);
    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_heading->setFont(big);
    m_table = new QTableWidget(0, 3, this);
    m_table->setObjectName(QStringLiteral("conflictsTable"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setWordWrap(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("conflictsEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_back = new QPushButton(this);
    m_back->setObjectName(QStringLiteral("conflictsBackButton"));
    m_markRead = new QPushButton(this);
    m_markRead->setObjectName(QStringLiteral("markConflictsReadButton"));
    connect(m_back, &QPushButton::clicked, this, &ConflictsView::backRequested);
    connect(m_markRead, &QPushButton::clicked, this, &ConflictsView::markAllRead);
    auto* back = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(back, &QShortcut::activated, this, &ConflictsView::backRequested);

    auto* top = new QHBoxLayout;
    top->addWidget(m_back);
    top->addStretch(1);
    top->addWidget(m_markRead);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_heading);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);
    retranslate();
}

QString ConflictsView::whatRow(const std::string& entity, const std::string& rowId) const
{
    auto row = m_replica.row(entity, rowId);
    if (entity == "work_order") {
        if (row && *row) {
            const QString number = qtext(**row, "number");
            return tr("Order %1").arg(number.isEmpty() ? qtext(**row, "title") : number);
        }
        return tr("An order");
    }
    if (entity == "defect_report") return tr("A defect report");
    return QString::fromStdString(entity);
}

QString ConflictsView::explain(const ConflictEntry& c) const
{
    const QString field = QString::fromStdString(c.field);
    if (c.rule == "edit_of_deleted_row")
        return tr("The office deleted this while you worked on it. Your work is kept with it; the dispatcher decides.");
    if (c.rule == "owner_wins")
        return c.clientWon
                   ? tr("The office also changed \"%1\"; yours stands, as this is the crew's to say.").arg(field)
                   : tr("The office changed \"%1\" too; theirs stands, as it is the office's to decide.").arg(field);
    if (c.rule == "first_arrival_wins")
        return c.clientWon
                   ? tr("\"%1\" was changed at the same time elsewhere; yours arrived first and stands.").arg(field)
                   : tr("\"%1\" was changed elsewhere before your change arrived; that change stands.").arg(field);
    if (c.rule == "no_transition")
        return tr("Your status could not follow the order's state on the server; the rest of your edit is kept.");
    if (c.rule == "lines_are_append_only")
        return tr("A line that was already sent cannot be changed; add a new line instead.");
    return tr("\"%1\": %2").arg(field, QString::fromStdString(c.rule));
}

void ConflictsView::refresh()
{
    m_table->setRowCount(0);
    auto add = [this](const QString& what, const QString& when, const QString& why, bool unread) {
        const int row = m_table->rowCount();
        m_table->insertRow(row);
        const QString cells[] = {what, when, why};
        for (int c = 0; c < 3; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (unread) {
                QFont bold = item->font();
                bold.setBold(true);
                item->setFont(bold);
            }
            m_table->setItem(row, c, item);
        }
    };
    if (auto refused = m_replica.refused()) {
        for (const RefusedEntry& r : *refused) {
            const QString code = QString::fromStdString(r.error.value("code", std::string()));
            add(whatRow(r.entity, r.rowId), tr("Refused"),
                r.partial ? tr("The status you set was not accepted (%1); the rest of the edit was.").arg(code)
                          : tr("The server did not accept this edit (%1). Tell the office.").arg(code),
                true);
        }
    }
    if (auto conflicts = m_replica.conflicts())
        for (const ConflictEntry& c : *conflicts) add(whatRow(c.entity, c.rowId), tr("Conflict"), explain(c), !c.seen);
    m_table->resizeRowsToContents();
    m_empty->setVisible(m_table->rowCount() == 0);
    m_markRead->setEnabled(m_table->rowCount() > 0);
}

void ConflictsView::markAllRead()
{
    if (m_replica.markConflictsSeen() && m_replica.dismissRefused()) {
        refresh();
        emit read();
    }
}

void ConflictsView::retranslate()
{
    m_heading->setText(tr("Conflicts and refused edits"));
    m_table->setHorizontalHeaderLabels({tr("What"), tr("Kind"), tr("What happened")});
    m_empty->setText(tr("Every edit from this laptop went through as made."));
    m_back->setText(tr("← Back (Esc)"));
    m_markRead->setText(tr("&Mark all as read"));
    refresh();
}

void ConflictsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace yanghu::client
