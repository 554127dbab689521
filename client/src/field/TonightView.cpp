// SPDX-License-Identifier: MIT
#include "field/TonightView.h"

#include "app/Labels.h"

#include "yanghu/core/wire/Codec.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace yanghu::client {

namespace {

// The statuses a crew filters by; "" is every order.
constexpr const char* kFilterStatuses[] = {"", "scheduled", "in_progress", "on_hold", "completed"};

} // namespace

TonightView::TonightView(Replica& replica, std::string crewId, const Clock& clock, QWidget* parent)
    : QWidget(parent), m_replica(replica), m_crewId(std::move(crewId)), m_clock(clock)
{
    m_model = new TonightModel(replica, this);
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setFilterRole(TonightModel::StatusRole);
    m_proxy->setFilterKeyColumn(TonightModel::Status);

    m_heading = new QLabel(this);
    m_heading->setObjectName(QStringLiteral("tonightHeading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.3);
    headingFont.setBold(true);
    m_heading->setFont(headingFont);

    m_filterLabel = new QLabel(this);
    m_statusFilter = new QComboBox(this);
    m_statusFilter->setObjectName(QStringLiteral("tonightStatusFilter"));
    for (const char* status : kFilterStatuses) m_statusFilter->addItem(QString(), QString::fromLatin1(status));
    m_filterLabel->setBuddy(m_statusFilter);
    connect(m_statusFilter, &QComboBox::currentIndexChanged, this, &TonightView::applyFilter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("tonightTable"));
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    m_table->horizontalHeader()->setSectionResizeMode(TonightModel::Title, QHeaderView::Stretch);
    // Big rows: a gloved finger on a touchpad, a tired eye at 3 a.m.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() * 2);

    connect(m_table, &QTableView::activated, this,
            [this](const QModelIndex& index) { emit openRequested(index.data(TonightModel::IdRole).toString()); });

    m_empty = new QLabel(this);
    m_empty->setObjectName(QStringLiteral("tonightEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);

    auto* filterRow = new QHBoxLayout;
    filterRow->addWidget(m_heading, 1);
    filterRow->addWidget(m_filterLabel);
    filterRow->addWidget(m_statusFilter);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filterRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_empty);

    retranslate();
    refresh();
}

ShiftCalendar TonightView::readCalendar() const
{
    // The city has one calendar; a replica that has not downloaded it yet uses the defaults
    // (UTC+8, day 08:00–17:00, night 22:00–06:00).
    auto rows = m_replica.rows("shift_calendar", RowFilter{.limit = 1});
    if (rows && !rows->empty())
        if (auto calendar = wire::fromJson<ShiftCalendar>(rows->front())) return std::move(calendar).value();
    return ShiftCalendar{};
}

void TonightView::refresh()
{
    m_calendar = readCalendar();
    m_shift = currentShift(m_calendar, m_clock.now());
    const QString selected = m_table->currentIndex().data(TonightModel::IdRole).toString();
    if (auto loaded = m_model->setShift(m_crewId, formatDate(m_shift.date)); !loaded)
        emit problem(tr("The work list could not be read from this laptop's copy (%1).")
                         .arg(QString::fromStdString(loaded.error().code)));
    if (!selected.isEmpty()) {
        const int row = m_model->rowOf(selected.toStdString());
        if (row >= 0) m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
    }
    if (!m_table->currentIndex().isValid() && m_proxy->rowCount() > 0) m_table->setCurrentIndex(m_proxy->index(0, 0));
    retranslate();
}

void TonightView::applyFilter()
{
    const QString status = m_statusFilter->currentData().toString();
    m_proxy->setFilterRegularExpression(
        status.isEmpty() ? QString() : QStringLiteral("^%1$").arg(QRegularExpression::escape(status)));
    retranslate();
}

void TonightView::retranslate()
{
    const ShiftWindow& window = m_shift.kind == ShiftKind::Day ? m_calendar.day : m_calendar.night;
    m_heading->setText(tr("%1, %2 (%3–%4)")
                           .arg(Labels::shiftKind(enumName(m_shift.kind)),
                                QString::fromStdString(formatDate(m_shift.date)),
                                QString::fromStdString(formatMinuteOfDay(window.start)),
                                QString::fromStdString(formatMinuteOfDay(window.end))));
    m_filterLabel->setText(tr("&Show:"));
    const QStringList names{tr("All orders"), Labels::workOrderStatus("scheduled"),
                            Labels::workOrderStatus("in_progress"), Labels::workOrderStatus("on_hold"),
                            Labels::workOrderStatus("completed")};
    for (int i = 0; i < names.size() && i < m_statusFilter->count(); ++i) m_statusFilter->setItemText(i, names[i]);
    m_statusFilter->setToolTip(tr("Show only the orders in one state"));
    const bool none = m_model->rowCount() == 0;
    const bool filteredOut = !none && m_proxy->rowCount() == 0;
    m_empty->setVisible(none || filteredOut);
    m_empty->setText(none ? tr("No work orders for your crew on this shift. After the dispatcher plans them, "
                               "they arrive with the next sync.")
                          : tr("No orders in this state."));
}

void TonightView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        emit m_model->headerDataChanged(Qt::Horizontal, 0, TonightModel::ColumnCount - 1);
    }
    QWidget::changeEvent(event);
}

} // namespace yanghu::client
