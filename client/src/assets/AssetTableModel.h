// SPDX-License-Identifier: MIT
#pragma once

#include "replica/AssetList.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <list>
#include <unordered_map>
#include <vector>

namespace yanghu::client {

// Every asset of the replica matching a query, as a table, read lazily: the row count comes
// from one COUNT, rows are read a page at a time when the view first asks for them, and only
// the most recently used pages are kept. Sorting and filtering are a new query (the list's
// indexes serve every order), so a city of 200k+ assets opens, sorts and filters without
// reading it whole. A failed read shows no rows and says so (problem()).
class AssetTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Code, Kind, Street, Chainage, Status, Condition, ColumnCount };
    enum Roles { IdRole = Qt::UserRole + 1 };
    static constexpr int kPageRows = 256;
    static constexpr std::size_t kPagesKept = 64;

    explicit AssetTableModel(const Replica& replica, QObject* parent = nullptr);

    // Shows the assets matching `query` (its sort included); reads the count again.
    void setQuery(const AssetQuery& query);
    const AssetQuery& query() const { return m_query; }
    // Reads again (after a sync): the same query, fresh rows.
    void reload();
    // The id of the asset in `row`, or empty.
    QString idAt(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    // How many pages were read from the replica since the last query (for tests: lazy means
    // few).
    std::int64_t pagesRead() const { return m_pagesRead; }

signals:
    void problem(const QString& message);

private:
    const AssetListRow* rowAt(int row) const;

    const Replica& m_replica;
    AssetQuery m_query;
    int m_count = 0;
    // The page cache: page number -> rows, with the use order (front: most recent).
    mutable std::unordered_map<int, std::vector<AssetListRow>> m_pages;
    mutable std::list<int> m_recent;
    mutable std::int64_t m_pagesRead = 0;
    mutable bool m_failed = false;
};

} // namespace yanghu::client
