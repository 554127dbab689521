// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace yanghu::client {

class AssetMapView;
class AssetTableModel;

// The replica's assets as a table and a map side by side, with the card of the chosen one.
// The table filters by kind, status, street and a part of the code or street name (Ctrl+F),
// and sorts by any column; Enter on a row or a click on the map chooses that asset: the card
// shows it, the map centres on it, and "Report a defect" (Ctrl+D) starts from it.
class AssetsView : public QWidget {
    Q_OBJECT
public:
    explicit AssetsView(const Replica& replica, QWidget* parent = nullptr);

    // Reads the list and the map again (after a sync or an edit); the chosen asset stays.
    void refresh();
    // The assets to ring on the map (tonight's jobs).
    void setHighlighted(const QSet<QString>& assetIds);
    // Shows `assetId` on the card and the map; false when the replica does not have it.
    bool chooseAsset(const QString& assetId);
    const QString& chosenAsset() const { return m_chosen; }
    QString chosenCode() const;

    QTableView& table() const { return *m_table; }
    AssetMapView& map() const { return *m_map; }
    AssetTableModel& model() const { return *m_model; }

signals:
    void reportDefectRequested();
    void problem(const QString& message);

protected:
    void changeEvent(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

private:
    void retranslate();
    void applyFilter();
    void fillStreets();
    void updateCount();
    void renderCard();
    // Reads the map; `frame`: then shows the chosen asset, or the whole city.
    void loadMap(bool frame);

    const Replica& m_replica;
    AssetTableModel* m_model;
    QLineEdit* m_search;
    QComboBox* m_kind;
    QComboBox* m_status;
    QComboBox* m_street;
    QLabel* m_count;
    QTableView* m_table;
    AssetMapView* m_map;
    QLabel* m_cardTitle;
    QLabel* m_card;
    QPushButton* m_report;
    QTimer* m_typing; // the text filter waits for a pause in typing
    QString m_chosen;
    bool m_mapStale = true; // read on first show: a large city's map takes a moment to read
};

} // namespace yanghu::client
