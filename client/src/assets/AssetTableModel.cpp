// SPDX-License-Identifier: MIT
#include "assets/AssetTableModel.h"

#include "app/Labels.h"

#include <algorithm>
#include <limits>

namespace yanghu::client {

AssetTableModel::AssetTableModel(const Replica& replica, QObject* parent) : QAbstractTableModel(parent), m_replica(replica)
{
    reload();
}

void AssetTableModel::setQuery(const AssetQuery& query)
{
    m_query = query;
    reload();
}

void AssetTableModel::reload()
{
    beginResetModel();
    m_pages.clear();
    m_recent.clear();
    m_pagesRead = 0;
    m_failed = false;
    auto n = countAssets(m_replica, m_query);
    if (n) {
        m_count = static_cast<int>(std::min<std::int64_t>(*n, std::numeric_limits<int>::max()));
    } else {
        m_count = 0;
        m_failed = true;
    }
    endResetModel();
    if (!n) emit problem(tr("The asset list cannot be read: %1").arg(Labels::errorText(n.error())));
}

const AssetListRow* AssetTableModel::rowAt(int row) const
{
    if (row < 0 || row >= m_count || m_failed) return nullptr;
    const int page = row / kPageRows;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        auto rows = listAssets(m_replica, m_query, static_cast<std::int64_t>(page) * kPageRows, kPageRows);
        if (!rows) {
            // Said once; the view keeps asking for the row, and each ask would say it again.
            m_failed = true;
            emit const_cast<AssetTableModel*>(this)->problem(
                tr("The asset list cannot be read: %1").arg(Labels::errorText(rows.error())));
            return nullptr;
        }
        ++m_pagesRead;
        if (m_pages.size() >= kPagesKept) {
            m_pages.erase(m_recent.back());
            m_recent.pop_back();
        }
        it = m_pages.emplace(page, std::move(*rows)).first;
        m_recent.push_front(page);
    } else if (m_recent.front() != page) {
        m_recent.remove(page);
        m_recent.push_front(page);
    }
    const auto& rows = it->second;
    const std::size_t at = static_cast<std::size_t>(row % kPageRows);
    return at < rows.size() ? &rows[at] : nullptr; // shorter: rows went away since the count
}

QString AssetTableModel::idAt(int row) const
{
    const AssetListRow* r = rowAt(row);
    return r ? r->id : QString();
}

int AssetTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : m_count; }

int AssetTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant AssetTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.parent().isValid() || index.column() >= ColumnCount) return {};
    const AssetListRow* r = rowAt(index.row());
    if (!r) return {};
    if (role == IdRole) return r->id;
    if (role == Qt::TextAlignmentRole && (index.column() == Chainage || index.column() == Condition))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (index.column()) {
    case Code: return r->code;
    case Kind: return Labels::assetKind(r->kind.toStdString());
    case Street: return r->streetName;
    case Chainage: return r->chainageM ? tr("%1 m").arg(*r->chainageM, 0, 'f', 0) : QString();
    case Status: return Labels::assetStatus(r->status.toStdString());
    case Condition: return r->conditionGrade ? QString::number(*r->conditionGrade) : QString();
    default: return {};
    }
}

QVariant AssetTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Code: return tr("Code");
    case Kind: return tr("Kind");
    case Street: return tr("Street");
    case Chainage: return tr("Chainage");
    case Status: return tr("Status");
    case Condition: return tr("Condition (1–5)");
    default: return {};
    }
}

void AssetTableModel::sort(int column, Qt::SortOrder order)
{
    AssetQuery q = m_query;
    switch (column) {
    case Code: q.sort = AssetSort::Code; break;
    case Kind: q.sort = AssetSort::Kind; break;
    case Street:
    case Chainage: q.sort = AssetSort::Street; break; // chainage means something only along one street
    case Status: q.sort = AssetSort::Status; break;
    case Condition: q.sort = AssetSort::Condition; break;
    default: return;
    }
    q.descending = order == Qt::DescendingOrder;
    if (q == m_query) return;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    // The rows are the same ones in another order: the persistent indexes cannot be followed
    // without reading the whole list, so they are dropped (the view keeps its selection by id).
    const QModelIndexList persistent = persistentIndexList();
    m_query = q;
    m_pages.clear();
    m_recent.clear();
    m_pagesRead = 0;
    changePersistentIndexList(persistent, QModelIndexList(persistent.size()));
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

} // namespace yanghu::client
