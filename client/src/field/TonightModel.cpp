// SPDX-License-Identifier: MIT
#include "field/TonightModel.h"

#include "app/Labels.h"
#include "field/RowText.h"

#include <QBrush>
#include <QColor>
#include <QFont>

#include <algorithm>
#include <map>

namespace yanghu::client {

TonightModel::TonightModel(Replica& replica, QObject* parent) : QAbstractTableModel(parent), m_replica(replica)
{
}

yanghu::Status TonightModel::setShift(const std::string& crewId, const std::string& shiftDate)
{
    m_crewId = crewId;
    m_shiftDate = shiftDate;
    return reload();
}

yanghu::Status TonightModel::reload()
{
    auto items = read();
    if (!items) return items.error();
    beginResetModel();
    m_items = std::move(items).value();
    endResetModel();
    return success();
}

Result<std::vector<TonightModel::Item>> TonightModel::read() const
{
    std::vector<Item> items;
    if (m_crewId.empty() || m_shiftDate.empty()) return items;
    auto orders = m_replica.rows("work_order", RowFilter{.crewId = m_crewId, .day = m_shiftDate});
    if (!orders) return orders.error();
    // Assets and streets are looked up once each (a shift has tens of orders, often on one street).
    std::map<std::string, std::optional<Json>> assets;
    std::map<std::string, QString> streets;
    for (const Json& order : *orders) {
        Item item;
        item.id = text(order, "id");
        item.title = qtext(order, "title");
        item.status = text(order, "status");
        item.traffic = text(order, "traffic_impact");
        if (auto p = order.find("priority"); p != order.end() && p->is_number_integer()) item.priority = p->get<int>();
        if (auto a = order.find("assignment"); a != order.end() && a->is_object())
            if (auto r = a->find("route_order"); r != a->end() && r->is_number_integer())
                item.routeOrder = r->get<int>();
        if (auto ids = order.find("asset_ids"); ids != order.end() && ids->is_array())
            for (const auto& id : *ids)
                if (id.is_string()) item.assetIds << QString::fromStdString(id.get<std::string>());
        if (auto ids = order.find("asset_ids");
            ids != order.end() && ids->is_array() && !ids->empty() && ids->front().is_string()) {
            const std::string assetId = ids->front().get<std::string>();
            auto [slot, fresh] = assets.try_emplace(assetId);
            if (fresh) {
                auto asset = m_replica.row("asset", assetId);
                if (!asset) return asset.error();
                slot->second = std::move(asset).value();
            }
            if (const auto& asset = slot->second) {
                item.assetCode = qtext(*asset, "code");
                const std::string streetId = text(*asset, "street_id");
                if (!streetId.empty()) {
                    auto [street, freshStreet] = streets.try_emplace(streetId);
                    if (freshStreet) {
                        auto row = m_replica.row("street", streetId);
                        if (!row) return row.error();
                        if (*row) street->second = qtext(**row, "name");
                    }
                    item.street = street->second;
                }
            }
        }
        items.push_back(std::move(item));
    }
    std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        if (a.routeOrder.has_value() != b.routeOrder.has_value()) return a.routeOrder.has_value();
        if (a.routeOrder != b.routeOrder) return *a.routeOrder < *b.routeOrder;
        if (a.priority != b.priority) return a.priority < b.priority;
        return a.id < b.id;
    });
    return items;
}

int TonightModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_items.size());
}

int TonightModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TonightModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return {};
    const Item& item = m_items[static_cast<std::size_t>(index.row())];
    if (role == IdRole) return QString::fromStdString(item.id);
    if (role == StatusRole) return QString::fromStdString(item.status);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Route:
            return item.routeOrder ? QVariant(*item.routeOrder) : QVariant(QStringLiteral("–"));
        case Priority:
            return Labels::priority(item.priority);
        case Traffic:
            return Labels::trafficImpact(item.traffic);
        case Asset:
            return item.assetCode;
        case Street:
            return item.street;
        case Title:
            return item.title;
        case Status:
            return Labels::workOrderStatus(item.status);
        default:
            return {};
        }
    }
    if (role == Qt::FontRole && index.column() == Priority && item.priority == 1) {
        QFont bold;
        bold.setBold(true);
        return bold;
    }
    if (role == Qt::ForegroundRole && index.column() == Traffic && item.traffic != "none" && !item.traffic.empty())
        return QBrush(QColor(0xb0, 0x3a, 0x00)); // closures stand out: they decide when work may start
    if (role == Qt::TextAlignmentRole && index.column() == Route) return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant TonightModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Route:
        return tr("#");
    case Priority:
        return tr("Priority");
    case Traffic:
        return tr("Traffic");
    case Asset:
        return tr("Asset");
    case Street:
        return tr("Street");
    case Title:
        return tr("Work");
    case Status:
        return tr("Status");
    default:
        return {};
    }
}

QSet<QString> TonightModel::assetIds() const
{
    QSet<QString> ids;
    for (const Item& item : m_items)
        for (const QString& id : item.assetIds) ids.insert(id);
    return ids;
}

int TonightModel::rowOf(const std::string& id) const
{
    for (std::size_t i = 0; i < m_items.size(); ++i)
        if (m_items[i].id == id) return static_cast<int>(i);
    return -1;
}

} // namespace yanghu::client
