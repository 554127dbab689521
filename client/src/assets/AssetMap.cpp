// SPDX-License-Identifier: MIT
#include "assets/AssetMap.h"

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QKeyEvent>
#include <QFontMetrics>
#include <QMouseEvent>
#include <QPainter>
#include <QScrollBar>
#include <QStyleOptionGraphicsItem>
#include <QWheelEvent>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace yanghu::client {

namespace {

constexpr double kMetresPerDegreeLat = 110'574.0;
constexpr double kMetresPerDegreeLonAtEquator = 111'320.0;
constexpr double kPi = 3.14159265358979323846;

// A uniform grid over the scene: which items lie in each cell. Cells are found from a
// rectangle; an item is listed in the one cell holding its anchor point.
class GridIndex {
public:
    void build(const QRectF& bounds, const std::vector<QPointF>& anchors)
    {
        m_bounds = bounds;
        m_cell = std::max({bounds.width(), bounds.height(), 1.0}) / 128.0;
        m_columns = std::max(1, static_cast<int>(std::ceil(bounds.width() / m_cell)) + 1);
        m_rows = std::max(1, static_cast<int>(std::ceil(bounds.height() / m_cell)) + 1);
        m_cells.assign(static_cast<std::size_t>(m_columns) * static_cast<std::size_t>(m_rows), {});
        for (std::size_t i = 0; i < anchors.size(); ++i) m_cells[cellOf(anchors[i])].push_back(static_cast<int>(i));
    }
    // Calls `f(i)` for each item whose cell meets `r`.
    template <class F> void forEachIn(const QRectF& r, F&& f) const
    {
        if (m_cells.empty()) return;
        const int c0 = column(r.left()), c1 = column(r.right());
        const int r0 = row(r.top()), r1 = row(r.bottom());
        for (int y = r0; y <= r1; ++y)
            for (int x = c0; x <= c1; ++x)
                for (int i : m_cells[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_columns) +
                                     static_cast<std::size_t>(x)])
                    f(i);
    }

private:
    int column(double x) const
    {
        return std::clamp(static_cast<int>((x - m_bounds.left()) / m_cell), 0, m_columns - 1);
    }
    int row(double y) const { return std::clamp(static_cast<int>((y - m_bounds.top()) / m_cell), 0, m_rows - 1); }
    std::size_t cellOf(const QPointF& p) const
    {
        return static_cast<std::size_t>(row(p.y())) * static_cast<std::size_t>(m_columns) +
               static_cast<std::size_t>(column(p.x()));
    }

    QRectF m_bounds;
    double m_cell = 1;
    int m_columns = 0;
    int m_rows = 0;
    std::vector<std::vector<int>> m_cells;
};

// Pixels per scene metre under the painter's transform.
double pixelsPerMetre(const QPainter* painter)
{
    return QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
}

// Square dots of `size` device pixels at scene points, as whole-pixel rectangles drawn with no
// transform: the raster engine fills those as spans, where a wide pen would stroke every point
// as a path (several times slower for a city of dots). A dot on a pixel where this call already
// put one is left out (a dispatcher's whole-city view of 200k+ assets has many). `rects` and
// `taken` are the caller's scratch.
void drawDots(QPainter* painter, const QVector<QPointF>& points, const QColor& colour, int size, QVector<QRect>& rects,
              std::vector<bool>& taken)
{
    const QTransform base = painter->worldTransform();
    const int width = painter->device()->width();
    const int height = painter->device()->height();
    taken.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), false);
    rects.clear();
    const int half = size / 2;
    for (const QPointF& p : points) {
        const QPointF d = base.map(p);
        const int x = static_cast<int>(d.x());
        const int y = static_cast<int>(d.y());
        if (x >= 0 && y >= 0 && x < width && y < height) {
            const std::size_t at =
                static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x);
            if (taken[at]) continue;
            taken[at] = true;
        }
        rects.push_back(QRect(x - half, y - half, size, size));
    }
    painter->save();
    painter->resetTransform();
    painter->setPen(Qt::NoPen);
    painter->setBrush(colour);
    painter->drawRects(rects.constData(), static_cast<int>(rects.size()));
    painter->restore();
}

// Labels drawn in one paint, so that one never covers another: a label that would overlap one
// already drawn is left out (the map stays readable where assets crowd; zooming in shows them).
class LabelPlacer {
public:
    explicit LabelPlacer(QPainter* painter) : m_painter(painter), m_metrics(painter->font()) {}
    // Draws `text` at scene point `at` in screen pixels (labels keep their size at every zoom).
    bool draw(const QTransform& toDevice, const QPointF& at, const QString& text, QPointF offset = {})
    {
        const QPointF p = toDevice.map(at) + offset;
        const QRect box = m_metrics.boundingRect(text).translated(p.toPoint()).adjusted(-2, -1, 2, 1);
        for (const QRect& taken : m_taken)
            if (taken.intersects(box)) return false;
        m_taken.push_back(box);
        m_painter->drawText(p, text);
        return true;
    }
    // After a font change.
    void refont() { m_metrics = QFontMetrics(m_painter->font()); }

private:
    QPainter* m_painter;
    QFontMetrics m_metrics;
    std::vector<QRect> m_taken;
};

} // namespace

// Every street's centreline, with its name along the longest stretch when zoomed in enough.
class StreetLayer : public QGraphicsItem {
public:
    struct Street {
        QPolygonF line;
        QRectF bounds;
        QString name;
        QPointF labelAt;
    };
    void setStreets(std::vector<Street> streets, const QRectF& bounds)
    {
        prepareGeometryChange();
        m_streets = std::move(streets);
        m_bounds = bounds;
        std::vector<QPointF> anchors;
        anchors.reserve(m_streets.size());
        for (const auto& s : m_streets) anchors.push_back(s.bounds.center());
        m_longest = 0;
        for (const auto& s : m_streets) m_longest = std::max({m_longest, s.bounds.width(), s.bounds.height()});
        m_index.build(bounds, anchors);
        setFlag(ItemUsesExtendedStyleOption);
    }
    QRectF boundingRect() const override { return m_bounds; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) override
    {
        const double ppm = pixelsPerMetre(painter);
        // A street is found by its centre: look as far around the exposed area as a street reaches.
        const QRectF area = option->exposedRect.adjusted(-m_longest / 2, -m_longest / 2, m_longest / 2, m_longest / 2);
        QPen pen(QColor(0xb8, 0xb2, 0xa7), ppm < 0.2 ? 1.5 : 4.0);
        pen.setCosmetic(true);
        painter->setPen(pen);
        std::vector<int> shown;
        m_index.forEachIn(area, [&](int i) {
            const Street& s = m_streets[static_cast<std::size_t>(i)];
            if (!s.bounds.intersects(option->exposedRect)) return;
            painter->drawPolyline(s.line);
            shown.push_back(i);
        });
        if (ppm < kNamesFrom || shown.size() > kMostNames) return;
        const QTransform toDevice = painter->worldTransform();
        painter->save();
        painter->resetTransform();
        painter->setPen(QColor(0x55, 0x50, 0x48));
        LabelPlacer labels(painter);
        for (int i : shown) {
            const Street& s = m_streets[static_cast<std::size_t>(i)];
            if (!s.name.isEmpty()) labels.draw(toDevice, s.labelAt, s.name, QPointF(4, -4));
        }
        painter->restore();
    }

private:
    static constexpr double kNamesFrom = 0.15; // px per metre: about 8 km across a 1280 px map
    static constexpr std::size_t kMostNames = 300;
    std::vector<Street> m_streets;
    QRectF m_bounds;
    double m_longest = 0;
    GridIndex m_index;
};

// Every asset as a dot (a line, for linear assets, when zoomed in), coloured by its state;
// the highlighted ones ringed and labelled, the selected one ringed in red.
class AssetLayer : public QGraphicsItem {
public:
    // The colour classes, in drawing order (the ones that matter most drawn last, on top).
    enum Shade { Removed, Unknown, Good, Fair, Poor, OutOfService, ShadeCount };

    struct Item {
        QString id;
        QString code;
        QPointF at;
        QPolygonF line;
        Shade shade = Unknown;
    };

    void setItems(std::vector<Item> items, const QRectF& bounds)
    {
        prepareGeometryChange();
        m_items = std::move(items);
        m_bounds = bounds;
        m_byId.clear();
        std::vector<QPointF> anchors;
        anchors.reserve(m_items.size());
        m_reach = 0;
        for (std::size_t i = 0; i < m_items.size(); ++i) {
            anchors.push_back(m_items[i].at);
            m_byId.insert(m_items[i].id, static_cast<int>(i));
            if (!m_items[i].line.isEmpty()) {
                const QRectF b = m_items[i].line.boundingRect();
                m_reach = std::max({m_reach, b.width(), b.height()});
            }
        }
        m_index.build(bounds, anchors);
        resolveHighlighted(); // the same ids, at their places in the new list
        setFlag(ItemUsesExtendedStyleOption);
    }
    void setHighlighted(const QSet<QString>& ids)
    {
        m_highlightedIds = ids;
        resolveHighlighted();
        update();
    }
    void setSelected(int index)
    {
        m_selected = index;
        update();
    }
    int indexOf(const QString& id) const { return m_byId.value(id, -1); }
    const Item& item(int i) const { return m_items[static_cast<std::size_t>(i)]; }
    std::size_t size() const { return m_items.size(); }

    // The item nearest `p` within `radius` scene units, or -1.
    int nearest(const QPointF& p, double radius) const
    {
        int best = -1;
        double bestDistance = radius * radius;
        m_index.forEachIn(QRectF(p.x() - radius, p.y() - radius, 2 * radius, 2 * radius), [&](int i) {
            const QPointF d = m_items[static_cast<std::size_t>(i)].at - p;
            const double distance = d.x() * d.x() + d.y() * d.y();
            if (distance <= bestDistance) {
                bestDistance = distance;
                best = i;
            }
        });
        return best;
    }

    QRectF boundingRect() const override { return m_bounds.adjusted(-50, -50, 50, 50); }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*) override
    {
        static const std::array<QColor, ShadeCount> colours{QColor(0x9e, 0x9e, 0x9e), QColor(0x5c, 0x7c, 0x9a),
                                                            QColor(0x2e, 0x8b, 0x57), QColor(0xe0, 0xa0, 0x00),
                                                            QColor(0xe0, 0x60, 0x10), QColor(0xc6, 0x28, 0x28)};
        const double ppm = pixelsPerMetre(painter);
        const QRectF exposed = option->exposedRect;
        for (auto& b : m_buckets) b.clear();
        m_visible.clear();
        m_index.forEachIn(exposed, [&](int i) {
            const Item& it = m_items[static_cast<std::size_t>(i)];
            if (!exposed.contains(it.at)) return;
            m_buckets[it.shade].push_back(it.at);
            m_visible.push_back(i);
        });
        if (ppm >= kLinesFrom) {
            // A linear asset is indexed by its first point: look as far around as one reaches.
            const QRectF area = exposed.adjusted(-m_reach, -m_reach, m_reach, m_reach);
            m_index.forEachIn(area, [&](int i) {
                const Item& it = m_items[static_cast<std::size_t>(i)];
                if (it.line.isEmpty()) return;
                QPen pen(colours[it.shade], 3.0);
                pen.setCosmetic(true);
                painter->setPen(pen);
                painter->drawPolyline(it.line);
            });
        }
        const int dot = ppm < 0.05 ? 2 : ppm < 0.5 ? 3 : 6;
        for (int s = 0; s < ShadeCount; ++s)
            if (!m_buckets[s].isEmpty()) drawDots(painter, m_buckets[s], colours[s], dot, m_rects, m_taken);

        const QTransform toDevice = painter->worldTransform();
        painter->save();
        painter->resetTransform();
        painter->setRenderHint(QPainter::Antialiasing, true);
        painter->setBrush(Qt::NoBrush);
        const QRectF device = toDevice.mapRect(exposed).adjusted(-20, -20, 20, 20);
        // Tonight's jobs first: a blue ring and the code at every zoom, so the crew sees them
        // from afar, and their labels win the places.
        QFont regular = painter->font();
        QFont bold = regular;
        bold.setBold(true);
        painter->setFont(bold);
        LabelPlacer labels(painter);
        for (int i : m_highlighted) {
            const Item& it = m_items[static_cast<std::size_t>(i)];
            const QPointF p = toDevice.map(it.at);
            if (!device.contains(p)) continue;
            painter->setPen(QPen(QColor(0x15, 0x65, 0xc0), 3));
            painter->drawEllipse(p, 9, 9);
            labels.draw(toDevice, it.at, it.code, QPointF(12, -8));
        }
        painter->setFont(regular);
        labels.refont();
        if (ppm >= kCodesFrom && m_visible.size() <= kMostCodes) {
            painter->setPen(QColor(0x33, 0x33, 0x33));
            for (int i : m_visible)
                labels.draw(toDevice, m_items[static_cast<std::size_t>(i)].at, m_items[static_cast<std::size_t>(i)].code, QPointF(6, 4));
        }
        if (m_selected >= 0) {
            const QPointF p = toDevice.map(m_items[static_cast<std::size_t>(m_selected)].at);
            painter->setPen(QPen(QColor(0xd5, 0x00, 0x00), 3));
            painter->drawEllipse(p, 13, 13);
        }
        painter->restore();
    }

private:
    void resolveHighlighted()
    {
        m_highlighted.clear();
        for (const QString& id : m_highlightedIds)
            if (auto it = m_byId.constFind(id); it != m_byId.cend()) m_highlighted.push_back(*it);
    }

    static constexpr double kLinesFrom = 0.3; // px per metre
    static constexpr double kCodesFrom = 1.5; // px per metre: about 850 m across a 1280 px map
    static constexpr std::size_t kMostCodes = 400;

    std::vector<Item> m_items;
    QHash<QString, int> m_byId;
    QRectF m_bounds;
    double m_reach = 0;
    GridIndex m_index;
    QSet<QString> m_highlightedIds;
    std::vector<int> m_highlighted; // their indexes in m_items
    int m_selected = -1;
    // Scratch for paint(), kept so a redraw allocates nothing once warm.
    std::array<QVector<QPointF>, ShadeCount> m_buckets;
    std::vector<int> m_visible;
    QVector<QRect> m_rects;
    std::vector<bool> m_taken;
};

namespace {

AssetLayer::Shade shadeOf(const AssetPoint& p)
{
    if (p.status == QLatin1String("removed")) return AssetLayer::Removed;
    if (p.status == QLatin1String("out_of_service")) return AssetLayer::OutOfService;
    if (!p.conditionGrade) return AssetLayer::Unknown;
    if (*p.conditionGrade <= 2) return AssetLayer::Good;
    if (*p.conditionGrade == 3) return AssetLayer::Fair;
    return AssetLayer::Poor;
}

} // namespace

AssetMapView::AssetMapView(QWidget* parent) : QGraphicsView(parent), m_scene(new QGraphicsScene(this))
{
    setScene(m_scene);
    // The layers index themselves; the scene's BSP tree would only re-sort two items.
    m_scene->setItemIndexMethod(QGraphicsScene::NoIndex);
    setBackgroundBrush(QColor(0xf4, 0xf1, 0xea));
    setDragMode(QGraphicsView::ScrollHandDrag);
    setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    setResizeAnchor(QGraphicsView::AnchorViewCenter);
    setViewportUpdateMode(QGraphicsView::FullViewportUpdate);
    setOptimizationFlags(QGraphicsView::DontAdjustForAntialiasing);
    setFocusPolicy(Qt::StrongFocus);
    m_streets = new StreetLayer;
    m_assets = new AssetLayer;
    m_scene->addItem(m_streets);
    m_scene->addItem(m_assets);
}

AssetMapView::~AssetMapView() = default;

QPointF AssetMapView::project(const QPointF& lonLat) const
{
    return {(lonLat.x() - m_origin.x()) * m_metresPerDegreeLon, -(lonLat.y() - m_origin.y()) * kMetresPerDegreeLat};
}

yanghu::Status AssetMapView::load(const Replica& replica)
{
    auto points = assetPoints(replica);
    if (!points) return points.error();
    auto streets = streetLines(replica);
    if (!streets) return streets.error();

    // The origin: the middle of everything there is to draw.
    QRectF extent;
    auto grow = [&](const QPointF& p) {
        extent = extent.isNull() ? QRectF(p, QSizeF(1e-9, 1e-9)) : extent.united(QRectF(p, QSizeF(1e-9, 1e-9)));
    };
    for (const auto& p : *points) grow(p.at);
    for (const auto& s : *streets)
        for (const auto& p : s.centreline) grow(p);
    m_origin = extent.isNull() ? QPointF() : extent.center();
    m_metresPerDegreeLon = kMetresPerDegreeLonAtEquator * std::cos(m_origin.y() * kPi / 180.0);

    QRectF bounds;
    auto include = [&](const QRectF& r) { bounds = bounds.isNull() ? r : bounds.united(r); };
    std::vector<StreetLayer::Street> streetItems;
    streetItems.reserve(streets->size());
    for (const auto& s : *streets) {
        StreetLayer::Street item;
        item.name = s.name;
        for (const auto& p : s.centreline) item.line << project(p);
        item.bounds = item.line.boundingRect();
        // The label sits at the middle of the longest stretch.
        double longest = -1;
        for (int i = 1; i < item.line.size(); ++i) {
            const QPointF d = item.line[i] - item.line[i - 1];
            if (const double l = std::hypot(d.x(), d.y()); l > longest) {
                longest = l;
                item.labelAt = (item.line[i] + item.line[i - 1]) / 2;
            }
        }
        include(item.bounds);
        streetItems.push_back(std::move(item));
    }
    std::vector<AssetLayer::Item> assetItems;
    assetItems.reserve(points->size());
    for (const auto& p : *points) {
        AssetLayer::Item item{p.id, p.code, project(p.at), {}, shadeOf(p)};
        for (const auto& q : p.line) item.line << project(q);
        include(QRectF(item.at, QSizeF(1e-6, 1e-6)));
        assetItems.push_back(std::move(item));
    }
    if (bounds.isNull()) bounds = QRectF(-500, -500, 1000, 1000);
    m_streets->setStreets(std::move(streetItems), bounds);
    m_assets->setItems(std::move(assetItems), bounds);
    // Room to pan past the edges by half a city.
    m_scene->setSceneRect(
        bounds.adjusted(-bounds.width() / 2, -bounds.height() / 2, bounds.width() / 2, bounds.height() / 2));
    if (!m_selected.isEmpty()) select(m_selected);
    return success();
}

std::size_t AssetMapView::assetCount() const
{
    return m_assets->size();
}

void AssetMapView::setHighlighted(const QSet<QString>& assetIds)
{
    m_assets->setHighlighted(assetIds);
}

bool AssetMapView::select(const QString& assetId)
{
    const int i = assetId.isEmpty() ? -1 : m_assets->indexOf(assetId);
    m_assets->setSelected(i);
    m_selected = i >= 0 ? assetId : QString();
    if (i >= 0) {
        // Close enough to read the codes around it.
        const double ppm = transform().m11();
        if (ppm < 2.0) setTransform(QTransform::fromScale(2.0, 2.0));
        centerOn(m_assets->item(i).at);
    }
    return i >= 0;
}

void AssetMapView::showAll()
{
    const QRectF all = m_assets->boundingRect().united(m_streets->boundingRect());
    fitInView(all, Qt::KeepAspectRatio);
}

QString AssetMapView::assetAt(const QPoint& viewportPos) const
{
    const double ppm = std::max(transform().m11(), 1e-9);
    const int i = m_assets->nearest(mapToScene(viewportPos), 12.0 / ppm);
    return i >= 0 ? m_assets->item(i).id : QString();
}

void AssetMapView::zoomBy(double factor)
{
    const double ppm = transform().m11();
    // From the whole of a large city to a few paving slabs.
    const double clamped = std::clamp(ppm * factor, 0.002, 40.0);
    scale(clamped / ppm, clamped / ppm);
}

void AssetMapView::wheelEvent(QWheelEvent* event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps != 0) zoomBy(std::pow(1.25, steps));
    event->accept();
}

void AssetMapView::keyPressEvent(QKeyEvent* event)
{
    const auto anchor = transformationAnchor();
    setTransformationAnchor(QGraphicsView::AnchorViewCenter);
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoomBy(1.5);
        break;
    case Qt::Key_Minus:
        zoomBy(1 / 1.5);
        break;
    case Qt::Key_0:
        showAll();
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (!m_selected.isEmpty()) emit assetClicked(m_selected);
        break;
    default:
        setTransformationAnchor(anchor);
        QGraphicsView::keyPressEvent(event);
        return;
    }
    setTransformationAnchor(anchor);
    event->accept();
}

void AssetMapView::mousePressEvent(QMouseEvent* event)
{
    m_pressAt = event->position().toPoint();
    QGraphicsView::mousePressEvent(event);
}

void AssetMapView::mouseReleaseEvent(QMouseEvent* event)
{
    QGraphicsView::mouseReleaseEvent(event);
    // A click, not the end of a drag: pick what is under the pointer.
    if (event->button() != Qt::LeftButton || (event->position().toPoint() - m_pressAt).manhattanLength() > 4) return;
    const QString id = assetAt(event->position().toPoint());
    if (id.isEmpty()) return;
    m_assets->setSelected(m_assets->indexOf(id));
    m_selected = id;
    emit assetClicked(id);
}

} // namespace yanghu::client
