// SPDX-License-Identifier: MIT
#pragma once

#include "replica/AssetList.h"

#include <QGraphicsView>
#include <QSet>
#include <QString>

#include <memory>
#include <vector>

namespace yanghu::client {

class AssetLayer;
class StreetLayer;

// The map of the replica's streets and assets, drawn from their own geometry (no tiles, no
// network): streets as lines with their names, every asset as a dot coloured by its state
// (out of service, removed, or its condition grade), linear assets as lines when zoomed in,
// tonight's jobs ringed and labelled. Mouse: drag pans, wheel zooms at the pointer, a click
// picks the nearest asset. Keys: arrows pan, + and - zoom, 0 shows everything.
//
// Scene units are metres east and south of the city's centre (an equirectangular projection
// around it: within a city the error is far below a dot's size). Each layer is ONE item that
// draws only what the exposed area holds, through a grid index: a city of 12,000+ inlets is
// never 12,000 graphics items.
class AssetMapView : public QGraphicsView {
    Q_OBJECT
public:
    explicit AssetMapView(QWidget* parent = nullptr);
    ~AssetMapView() override;

    // Reads the replica's streets and assets again (the view keeps its place when it can).
    yanghu::Status load(const Replica& replica);
    // The assets to ring (tonight's jobs).
    void setHighlighted(const QSet<QString>& assetIds);
    // Rings one asset as chosen and centres the map on it (empty: none). False when the map
    // has no such asset.
    bool select(const QString& assetId);
    const QString& selected() const { return m_selected; }
    // Shows every asset.
    void showAll();
    // The asset drawn nearest to a point of the viewport (within a finger's width), or empty.
    QString assetAt(const QPoint& viewportPos) const;
    std::size_t assetCount() const;
    // Scene position of a WGS84 point (for tests and the benchmark).
    QPointF project(const QPointF& lonLat) const;

signals:
    // A click on an asset (or Enter on the chosen one).
    void assetClicked(const QString& assetId);

protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    void zoomBy(double factor);

    QGraphicsScene* m_scene;
    StreetLayer* m_streets = nullptr; // owned by the scene
    AssetLayer* m_assets = nullptr;   // owned by the scene
    QPointF m_origin;                 // lon/lat of the scene's (0, 0)
    double m_metresPerDegreeLon = 0;
    QString m_selected;
    QPoint m_pressAt;
};

} // namespace yanghu::client
