// SPDX-License-Identifier: MIT
#include "assets/AssetsView.h"

#include "app/Labels.h"
#include "assets/AssetCard.h"
#include "assets/AssetMap.h"
#include "assets/AssetTableModel.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace yanghu::client {

namespace {
constexpr const char* kKinds[] = {"", "storm_inlet", "manhole", "sidewalk_segment", "pipe_segment", "bridge"};
constexpr const char* kStatuses[] = {"", "in_service", "out_of_service", "removed"};

std::optional<QString> chosen(const QComboBox* box)
{
    const QString v = box->currentData().toString();
    return v.isEmpty() ? std::nullopt : std::optional<QString>(v);
}
} // namespace

AssetsView::AssetsView(const Replica& replica, QWidget* parent) : QWidget(parent), m_replica(replica)
{
    m_model = new AssetTableModel(replica, this);
    connect(m_model, &AssetTableModel::problem, this, &AssetsView::problem);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("assetSearch"));
    m_search->setClearButtonEnabled(true);
    m_kind = new QComboBox(this);
    m_kind->setObjectName(QStringLiteral("assetKindFilter"));
    for (const char* k : kKinds) m_kind->addItem(QString(), QString::fromLatin1(k));
    m_status = new QComboBox(this);
    m_status->setObjectName(QStringLiteral("assetStatusFilter"));
    for (const char* s : kStatuses) m_status->addItem(QString(), QString::fromLatin1(s));
    m_street = new QComboBox(this);
    m_street->setObjectName(QStringLiteral("assetStreetFilter"));
    m_street->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_street->setMinimumContentsLength(12);
    m_count = new QLabel(this);
    m_count->setObjectName(QStringLiteral("assetCountLabel"));

    m_typing = new QTimer(this);
    m_typing->setSingleShot(true);
    m_typing->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_typing, qOverload<>(&QTimer::start));
    connect(m_typing, &QTimer::timeout, this, &AssetsView::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_typing->stop();
        applyFilter();
        // Enter on a search that found exactly one asset: that is the one.
        if (m_model->rowCount() == 1) chooseAsset(m_model->idAt(0));
        else m_table->setFocus();
    });
    for (QComboBox* box : {m_kind, m_status, m_street})
        connect(box, &QComboBox::currentIndexChanged, this, &AssetsView::applyFilter);

    m_table = new QTableView(this);
    m_table->setObjectName(QStringLiteral("assetTable"));
    m_table->setModel(m_model);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(AssetTableModel::Code, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    // Fixed row heights: the view never measures 200k rows to lay them out.
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    m_table->horizontalHeader()->setSectionResizeMode(AssetTableModel::Street, QHeaderView::Stretch);
    connect(m_table, &QTableView::activated, this, [this](const QModelIndex& index) { chooseAsset(m_model->idAt(index.row())); });

    m_map = new AssetMapView(this);
    m_map->setObjectName(QStringLiteral("assetMap"));
    connect(m_map, &AssetMapView::assetClicked, this, [this](const QString& id) {
        m_chosen = id;
        renderCard();
    });

    m_cardTitle = new QLabel(this);
    QFont bold = m_cardTitle->font();
    bold.setBold(true);
    m_cardTitle->setFont(bold);
    m_card = new QLabel(this);
    m_card->setObjectName(QStringLiteral("assetCardText"));
    m_card->setWordWrap(true);
    m_card->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_card->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_report = new QPushButton(this);
    m_report->setObjectName(QStringLiteral("reportDefectOnAsset"));
    connect(m_report, &QPushButton::clicked, this, &AssetsView::reportDefectRequested);

    auto* filters = new QHBoxLayout;
    filters->addWidget(m_search, 2);
    filters->addWidget(m_kind);
    filters->addWidget(m_status);
    filters->addWidget(m_street, 1);
    filters->addWidget(m_count);
    auto* cardBox = new QWidget(this);
    auto* cardLayout = new QVBoxLayout(cardBox);
    cardLayout->setContentsMargins(0, 0, 0, 0);
    cardLayout->addWidget(m_cardTitle);
    cardLayout->addWidget(m_card, 1);
    cardLayout->addWidget(m_report, 0, Qt::AlignLeft);
    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_map);
    right->addWidget(cardBox);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("assetSplit"));
    split->addWidget(m_table);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(split, 1);

    auto* find = new QShortcut(QKeySequence::Find, this);
    find->setContext(Qt::WidgetWithChildrenShortcut);
    connect(find, &QShortcut::activated, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });

    fillStreets();
    retranslate();
    updateCount();
}

void AssetsView::retranslate()
{
    m_search->setPlaceholderText(tr("Code or street (Ctrl+F)"));
    m_kind->setItemText(0, tr("All kinds"));
    for (int i = 1; i < m_kind->count(); ++i) m_kind->setItemText(i, Labels::assetKind(m_kind->itemData(i).toString().toStdString()));
    m_status->setItemText(0, tr("All statuses"));
    for (int i = 1; i < m_status->count(); ++i)
        m_status->setItemText(i, Labels::assetStatus(m_status->itemData(i).toString().toStdString()));
    if (m_street->count() > 0) m_street->setItemText(0, tr("All streets"));
    m_cardTitle->setText(tr("Asset"));
    m_report->setText(tr("Report a defect on this asset…"));
    m_report->setToolTip(tr("Report a defect on the chosen asset (Ctrl+D)"));
    m_map->setToolTip(tr("Drag to move, wheel or +/− to zoom, 0 for the whole city; click an asset to choose it. "
                         "Tonight's jobs are ringed in blue."));
    updateCount();
    renderCard();
}

void AssetsView::fillStreets()
{
    const QString current = m_street->currentData().toString();
    const QSignalBlocker quiet(m_street);
    m_street->clear();
    m_street->addItem(tr("All streets"), QString());
    auto streets = assetStreets(m_replica);
    if (!streets) {
        emit problem(tr("The street list cannot be read: %1").arg(Labels::errorText(streets.error())));
        return;
    }
    for (const auto& s : *streets) m_street->addItem(s.name.isEmpty() ? s.id : s.name, s.id);
    if (const int i = m_street->findData(current); i >= 0) m_street->setCurrentIndex(i);
}

void AssetsView::applyFilter()
{
    AssetQuery q = m_model->query();
    q.kind = chosen(m_kind);
    q.status = chosen(m_status);
    q.streetId = chosen(m_street);
    q.text = m_search->text();
    if (q == m_model->query()) return;
    m_model->setQuery(q);
    updateCount();
}

void AssetsView::updateCount()
{
    m_count->setText(tr("%n asset(s)", nullptr, m_model->rowCount()));
}

void AssetsView::refresh()
{
    m_model->reload();
    fillStreets();
    updateCount();
    m_mapStale = true;
    if (isVisible()) loadMap(false);
    renderCard();
}

void AssetsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_mapStale) loadMap(true);
}

void AssetsView::loadMap(bool frame)
{
    m_mapStale = false;
    if (auto s = m_map->load(m_replica); !s) {
        emit problem(tr("The map cannot be read: %1").arg(Labels::errorText(s.error())));
        return;
    }
    if (frame && (m_chosen.isEmpty() || !m_map->select(m_chosen))) m_map->showAll();
}

void AssetsView::setHighlighted(const QSet<QString>& assetIds) { m_map->setHighlighted(assetIds); }

bool AssetsView::chooseAsset(const QString& assetId)
{
    auto row = m_replica.row("asset", assetId.toStdString());
    if (!row || !*row) return false;
    m_chosen = assetId;
    if (m_mapStale && isVisible()) loadMap(false);
    m_map->select(assetId);
    renderCard();
    return true;
}

QString AssetsView::chosenCode() const
{
    if (m_chosen.isEmpty()) return {};
    auto row = m_replica.row("asset", m_chosen.toStdString());
    if (!row || !*row) return {};
    return QString::fromStdString((**row).value("code", std::string()));
}

void AssetsView::renderCard()
{
    const QString card = m_chosen.isEmpty() ? QString() : AssetCard::describe(m_replica, m_chosen.toStdString());
    m_card->setText(card.isEmpty() ? tr("Choose an asset in the list (Enter) or on the map (click).") : card);
    m_report->setEnabled(!card.isEmpty());
}

void AssetsView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) {
        retranslate();
        emit m_model->headerDataChanged(Qt::Horizontal, 0, AssetTableModel::ColumnCount - 1);
    }
    QWidget::changeEvent(event);
}

} // namespace yanghu::client
