// SPDX-License-Identifier: MIT
#pragma once

#include "field/TonightModel.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/rules/Shifts.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace yanghu::client {

// The field perspective's first screen: the crew's orders for the shift it is on (or about
// to start, between shifts), in route order, with a status filter. The shift follows the
// city's calendar in the replica (core's currentShift); the clock is injected for tests.
class TonightView : public QWidget {
    Q_OBJECT
public:
    TonightView(Replica& replica, std::string crewId, const Clock& clock, QWidget* parent = nullptr);

    // Reads the replica again (after a sync or an edit), keeping the selected order.
    void refresh();
    ShiftSlot shift() const { return m_shift; }
    TonightModel& model() { return *m_model; }
    QTableView& table() { return *m_table; }

signals:
    // Enter or a double click on an order.
    void openRequested(const QString& orderId);
    // A failure reading the replica, for the status bar (translated).
    void problem(const QString& message);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void applyFilter();
    ShiftCalendar readCalendar() const; // from the replica, once per refresh

    Replica& m_replica;
    std::string m_crewId;
    const Clock& m_clock;
    ShiftCalendar m_calendar; // as of the last refresh
    ShiftSlot m_shift;
    TonightModel* m_model;
    QSortFilterProxyModel* m_proxy;
    QLabel* m_heading;
    QLabel* m_filterLabel;
    QComboBox* m_statusFilter;
    QTableView* m_table;
    QLabel* m_empty;
};

} // namespace yanghu::client
