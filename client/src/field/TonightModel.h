// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include "yanghu/core/Result.h"

#include <QAbstractTableModel>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace yanghu::client {

// The crew's work orders for one shift date, in route order (orders without a place in the
// route last, by priority), read from the replica: what the crew lead works through tonight.
// Each row shows the order with its first asset's code and street. reload() reads again
// (after an edit or a sync); the model resets, so selections are restored by id (IdRole).
class TonightModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Route, Priority, Traffic, Asset, Street, Title, Status, ColumnCount };
    enum Roles { IdRole = Qt::UserRole + 1, StatusRole }; // StatusRole: the wire value ("scheduled")

    explicit TonightModel(Replica& replica, QObject* parent = nullptr);

    // Shows `crewId`'s orders on `shiftDate` ("YYYY-MM-DD") and reads them.
    yanghu::Status setShift(const std::string& crewId, const std::string& shiftDate);
    yanghu::Status reload();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Every asset of the orders listed (the map rings them).
    QSet<QString> assetIds() const;
    // The row of the order `id`, or -1.
    int rowOf(const std::string& id) const;

private:
    struct Item {
        std::string id;
        std::optional<int> routeOrder;
        int priority = 3;
        std::string traffic;
        QString assetCode; // of the first asset
        QStringList assetIds;
        QString street;
        QString title;
        std::string status;
    };
    Result<std::vector<Item>> read() const;

    Replica& m_replica;
    std::string m_crewId;
    std::string m_shiftDate;
    std::vector<Item> m_items;
};

} // namespace yanghu::client
