// SPDX-License-Identifier: MIT
#include "field/WorkOrderView.h"

#include "assets/AssetCard.h"

#include "app/Labels.h"
#include "field/FormParts.h"
#include "field/RowText.h"

#include "yanghu/core/Time.h"
#include "yanghu/core/rules/WorkOrderStateMachine.h"
#include "yanghu/core/wire/Codec.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDoubleSpinBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QShortcut>
#include <QTableWidget>
#include <QVBoxLayout>

namespace yanghu::client {

namespace {

// The measure a type of work is counted in (the first offered in the form).
const char* measureFor(const std::string& type)
{
    if (type == "cleaning") return "inlets_cleaned";
    if (type == "replacement") return "covers_replaced";
    if (type == "dredging") return "m_dredged";
    if (type == "inspection") return "assets_inspected";
    if (type == "make_safe") return "sites_made_safe";
    return "m2_relaid";
}

constexpr const char* kMeasures[] = {"m2_relaid",       "inlets_cleaned",   "m_dredged",
                                     "covers_replaced", "assets_inspected", "sites_made_safe"};

QString unitOf(std::string_view measure)
{
    if (measure == "m2_relaid") return QStringLiteral("m2");
    if (measure == "m_dredged") return QStringLiteral("m");
    return QStringLiteral("pcs");
}

QDateTime toQt(Instant t)
{
    return QDateTime::fromMSecsSinceEpoch(t.time_since_epoch().count(), Qt::UTC).toLocalTime();
}

std::string toWire(const QDateTime& at)
{
    return formatInstant(Instant{std::chrono::milliseconds(at.toMSecsSinceEpoch())});
}

QDoubleSpinBox* numberEditor(double max, int decimals)
{
    auto* box = new QDoubleSpinBox;
    box->setRange(0, max);
    box->setDecimals(decimals);
    box->setButtonSymbols(QAbstractSpinBox::NoButtons); // typed, not clicked, with gloves
    return box;
}

} // namespace

WorkOrderView::WorkOrderView(Replica& replica, const Clock& clock, QWidget* parent)
    : QWidget(parent), m_replica(replica), m_clock(clock)
{
    setObjectName(QStringLiteral("workOrderView"));
    build();
    retranslate();
}

void WorkOrderView::build()
{
    auto label = [this](const char* name, bool wrap = true) {
        auto* l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        l->setWordWrap(wrap);
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    auto button = [this](const char* name) {
        auto* b = new QPushButton(this);
        b->setObjectName(QString::fromLatin1(name));
        b->setMinimumHeight(fontMetrics().height() * 2); // big targets
        return b;
    };
    auto problemLabel = [this](const std::string& field) {
        return m_fieldProblems[field] = makeProblemLabel(this, field);
    };
    auto table = [this](const char* name, QStringList columns) {
        auto* t = new QTableWidget(0, static_cast<int>(columns.size()), this);
        t->setObjectName(QString::fromLatin1(name));
        t->horizontalHeader()->setStretchLastSection(true);
        t->verticalHeader()->hide();
        t->setMinimumHeight(fontMetrics().height() * 6);
        return t;
    };

    m_heading = label("orderHeading");
    QFont big = m_heading->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    big.setBold(true);
    m_heading->setFont(big);
    m_summary = label("orderSummary");
    m_asset = label("assetCard");
    m_defects = label("orderDefects");
    m_instructions = label("orderInstructions");
    m_problems = label("completionProblems");
    m_problems->setStyleSheet(QStringLiteral("color: #b00020; font-weight: bold;"));
    m_problems->hide();

    m_back = button("backButton");
    m_start = button("startButton");
    m_pause = button("pauseButton");
    m_resume = button("resumeButton");
    m_complete = button("completeButton");
    connect(m_back, &QPushButton::clicked, this, &WorkOrderView::backRequested);
    connect(m_start, &QPushButton::clicked, this, &WorkOrderView::start);
    connect(m_resume, &QPushButton::clicked, this, &WorkOrderView::resume);
    connect(m_complete, &QPushButton::clicked, this, &WorkOrderView::complete);
    connect(m_pause, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString reason = QInputDialog::getText(this, tr("Pause the work"), tr("Why is the work paused?"),
                                                     QLineEdit::Normal, QString(), &ok);
        if (ok) pause(reason);
    });
    // Esc goes back to the list; Ctrl+Enter completes (the form is long; the button is far).
    auto* back = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    connect(back, &QShortcut::activated, this, &WorkOrderView::backRequested);
    auto* done = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    connect(done, &QShortcut::activated, m_complete, &QPushButton::click);

    m_actualStart = new QDateTimeEdit(this);
    m_actualStart->setObjectName(QStringLiteral("actualStartEdit"));
    m_actualEnd = new QDateTimeEdit(this);
    m_actualEnd->setObjectName(QStringLiteral("actualEndEdit"));
    for (auto* edit : {m_actualStart, m_actualEnd}) {
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm"));
        edit->setCalendarPopup(true);
    }
    m_timesLabel = new QLabel(this);
    m_quantities = table("quantitiesTable", {QString(), QString(), QString()});
    m_materials = table("materialsTable", {QString(), QString(), QString()});
    m_labour = table("labourTable", {QString(), QString()});
    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(QStringLiteral("noteEdit"));
    m_note->setMaximumHeight(fontMetrics().height() * 5);
    m_photos = new QListWidget(this);
    m_photos->setObjectName(QStringLiteral("photoList"));
    m_photos->setViewMode(QListView::IconMode);
    m_photos->setIconSize(QSize(96, 96));
    m_photos->setMaximumHeight(140);
    m_addPhotos = button("addPhotosButton");
    connect(m_addPhotos, &QPushButton::clicked, this, [this] {
        addPhotoFiles(QFileDialog::getOpenFileNames(this, tr("Photos of the work"), QString(),
                                                    tr("Photos (*.jpg *.jpeg *.png *.webp)")));
    });

    // The page: the order's facts, then the buttons, then the form.
    auto* page = new QWidget;
    auto* column = new QVBoxLayout(page);
    column->addWidget(m_heading);
    column->addWidget(m_summary);
    auto section = [&](QWidget* body, const char* name) {
        auto* title = new QLabel(page);
        title->setObjectName(QString::fromLatin1(name));
        QFont f = title->font();
        f.setBold(true);
        title->setFont(f);
        m_sectionTitles.push_back(title);
        column->addWidget(title);
        column->addWidget(body);
    };
    section(m_asset, "assetTitle");
    section(m_defects, "defectsTitle");
    section(m_instructions, "instructionsTitle");
    auto* buttons = new QHBoxLayout;
    for (auto* b : {m_start, m_pause, m_resume, m_complete}) buttons->addWidget(b);
    buttons->addStretch(1);
    column->addLayout(buttons);
    column->addWidget(m_problems);

    auto* times = new QHBoxLayout;
    times->addWidget(m_actualStart);
    times->addWidget(new QLabel(QStringLiteral("–"), page));
    times->addWidget(m_actualEnd);
    times->addStretch(1);
    auto* timesBox = new QWidget(page);
    auto* timesColumn = new QVBoxLayout(timesBox);
    timesColumn->setContentsMargins(0, 0, 0, 0);
    timesColumn->addLayout(times);
    timesColumn->addWidget(problemLabel("actual_start"));
    timesColumn->addWidget(problemLabel("actual_end"));
    section(timesBox, "timesTitle");
    auto lines = [&](QTableWidget* t, const std::string& field, const char* addName, const char* title) {
        auto* box = new QWidget(page);
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->addWidget(t);
        auto* add = new QPushButton(box);
        add->setObjectName(QString::fromLatin1(addName));
        connect(add, &QPushButton::clicked, this, [this, t] { addLine(t); });
        m_addLineButtons.push_back(add);
        auto* row = new QHBoxLayout;
        row->addWidget(add);
        row->addStretch(1);
        v->addLayout(row);
        v->addWidget(problemLabel(field));
        section(box, title);
    };
    lines(m_quantities, "quantities", "addQuantityButton", "quantitiesTitle");
    lines(m_materials, "materials", "addMaterialButton", "materialsTitle");
    lines(m_labour, "labour", "addLabourButton", "labourTitle");
    auto* noteBox = new QWidget(page);
    auto* noteColumn = new QVBoxLayout(noteBox);
    noteColumn->setContentsMargins(0, 0, 0, 0);
    noteColumn->addWidget(m_note);
    noteColumn->addWidget(problemLabel("notes"));
    section(noteBox, "noteTitle");
    auto* photoBox = new QWidget(page);
    auto* photoColumn = new QVBoxLayout(photoBox);
    photoColumn->setContentsMargins(0, 0, 0, 0);
    photoColumn->addWidget(m_photos);
    photoColumn->addWidget(m_addPhotos, 0, Qt::AlignLeft);
    photoColumn->addWidget(problemLabel("photos"));
    section(photoBox, "photosTitle");
    column->addStretch(1);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(page);
    scroll->setWidgetResizable(true);
    auto* top = new QHBoxLayout;
    top->addWidget(m_back);
    top->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(scroll, 1);
}

void WorkOrderView::retranslate()
{
    m_back->setText(tr("← Back to tonight's list (Esc)"));
    m_start->setText(tr("&Start work"));
    m_pause->setText(tr("&Pause…"));
    m_resume->setText(tr("&Resume"));
    m_complete->setText(tr("&Complete"));
    m_complete->setToolTip(tr("Save the form and complete the order (Ctrl+Enter)"));
    m_addPhotos->setText(tr("Add &photos…"));
    const QStringList titles{tr("Asset"),     tr("Defects"), tr("Instructions"), tr("Actual times"), tr("Quantities"),
                             tr("Materials"), tr("Labour"),  tr("Note"),         tr("Photos")};
    for (std::size_t i = 0; i < m_sectionTitles.size() && i < static_cast<std::size_t>(titles.size()); ++i)
        m_sectionTitles[i]->setText(titles[static_cast<int>(i)]);
    m_quantities->setHorizontalHeaderLabels({tr("Measure"), tr("Quantity"), tr("Unit")});
    m_materials->setHorizontalHeaderLabels({tr("Material"), tr("Quantity"), tr("Unit")});
    m_labour->setHorizontalHeaderLabels({tr("Worker"), tr("Hours")});
    const QStringList adds{tr("Add a quantity"), tr("Add a material"), tr("Add a worker")};
    for (std::size_t i = 0; i < m_addLineButtons.size(); ++i) m_addLineButtons[i]->setText(adds[static_cast<int>(i)]);
    for (int r = 0; r < m_quantities->rowCount(); ++r)
        if (auto* measure = qobject_cast<QComboBox*>(m_quantities->cellWidget(r, 0)))
            for (int i = 0; i < measure->count(); ++i)
                measure->setItemText(i, Labels::measure(measure->itemData(i).toString().toStdString()));
    if (!m_orderId.empty()) render();
}

bool WorkOrderView::open(const std::string& orderId)
{
    auto row = m_replica.row("work_order", orderId);
    if (!row || !*row) return false;
    m_orderId = orderId;
    m_order = **row;
    // A fresh form for this order.
    for (auto* t : {m_quantities, m_materials, m_labour}) t->setRowCount(0);
    m_note->clear();
    m_photos->clear();
    clearProblems();
    const QDateTime now = toQt(m_clock.now());
    const std::string started = text(m_order, "actual_start");
    const auto start = parseInstant(started);
    m_actualStart->setDateTime(start ? toQt(*start) : now);
    m_actualEnd->setDateTime(now);
    addLine(m_quantities);
    render();
    return true;
}

void WorkOrderView::render()
{
    const Json& o = m_order;
    const QString number = qtext(o, "number");
    m_heading->setText(number.isEmpty() ? qtext(o, "title") : QStringLiteral("%1  %2").arg(number, qtext(o, "title")));
    m_summary->setText(tr("%1 · %2 · traffic: %3")
                           .arg(Labels::workOrderStatus(text(o, "status")), Labels::priority(o.value("priority", 3)),
                                Labels::trafficImpact(text(o, "traffic_impact"))));
    // The asset card: the first asset whole (with its last works), the others by headline.
    QStringList card;
    if (auto ids = o.find("asset_ids"); ids != o.end() && ids->is_array()) {
        for (const auto& id : *ids) {
            if (!id.is_string()) continue;
            if (card.isEmpty()) {
                if (QString whole = AssetCard::describe(m_replica, id.get<std::string>()); !whole.isEmpty()) card << whole;
            } else if (auto asset = m_replica.row("asset", id.get<std::string>()); asset && *asset) {
                card << AssetCard::headline(m_replica, **asset);
            }
        }
    }
    m_asset->setText(card.isEmpty() ? tr("No asset.") : card.join(QLatin1Char('\n')));
    QStringList defects;
    if (auto ids = o.find("defect_ids"); ids != o.end() && ids->is_array())
        for (const auto& id : *ids)
            if (id.is_string())
                if (auto d = m_replica.row("defect_report", id.get<std::string>()); d && *d)
                    defects << tr("Severity %1: %2").arg((**d).value("severity", 0)).arg(qtext(**d, "description"));
    m_defects->setText(defects.isEmpty() ? tr("None recorded.") : defects.join(QLatin1Char('\n')));
    QString instructions = qtext(o, "description");
    if (instructions.isEmpty()) instructions = tr("None.");
    if (const QString follows = precedence(); !follows.isEmpty())
        instructions = follows + QStringLiteral("\n\n") + instructions;
    m_instructions->setText(instructions);
    updateButtons();
}

// "Break out before pour": what the crew must know about the order this one follows. The
// laptop may not hold it (another crew's work); then the dispatcher knows.
QString WorkOrderView::precedence() const
{
    const std::string follows = text(m_order, "follows_id");
    if (follows.empty()) return {};
    const auto before = m_replica.row("work_order", follows);
    if (!before || !*before || (**before).value("deleted", false))
        return tr("Follows a work order that is not on this laptop: ask the dispatcher whether it is finished "
                  "before you start.");
    const Json& b = **before;
    const QString number = qtext(b, "number");
    const QString what = number.isEmpty() ? qtext(b, "title") : QStringLiteral("%1 %2").arg(number, qtext(b, "title"));
    const std::string status = text(b, "status");
    const QString state = Labels::workOrderStatus(status);
    if (status == "completed" || status == "verified" || status == "cancelled")
        return tr("Follows %1 (%2).").arg(what, state);
    return tr("Do not start before %1 is finished (it is %2).").arg(what, state);
}

void WorkOrderView::updateButtons()
{
    std::vector<WorkOrderStatus> allowed;
    const auto user = m_replica.user();
    auto order = wire::fromJson<WorkOrder>(m_order);
    if (user && order) allowed = rules::allowedTargets(*order, rules::Actor{user->id, user->role, user->crewId});
    auto can = [&](WorkOrderStatus s) { return std::find(allowed.begin(), allowed.end(), s) != allowed.end(); };
    const bool onHold = order && order->status == WorkOrderStatus::OnHold;
    m_start->setVisible(can(WorkOrderStatus::InProgress) && !onHold);
    m_resume->setVisible(can(WorkOrderStatus::InProgress) && onHold);
    m_pause->setVisible(can(WorkOrderStatus::OnHold));
    m_complete->setVisible(can(WorkOrderStatus::Completed));
}

void WorkOrderView::addLine(QTableWidget* t)
{
    const int row = t->rowCount();
    t->insertRow(row);
    if (t == m_quantities) {
        auto* measure = new QComboBox;
        for (const char* m : kMeasures) measure->addItem(Labels::measure(m), QString::fromLatin1(m));
        measure->setCurrentIndex(
            std::max(0, measure->findData(QString::fromLatin1(measureFor(text(m_order, "type"))))));
        t->setCellWidget(row, 0, measure);
        t->setCellWidget(row, 1, numberEditor(1e6, 2));
        auto* unit = new QTableWidgetItem(unitOf(measure->currentData().toString().toStdString()));
        unit->setFlags(unit->flags() & ~Qt::ItemIsEditable);
        t->setItem(row, 2, unit);
        connect(measure, &QComboBox::currentIndexChanged, t,
                [measure, unit] { unit->setText(unitOf(measure->currentData().toString().toStdString())); });
    } else if (t == m_materials) {
        t->setItem(row, 0, new QTableWidgetItem);
        t->setCellWidget(row, 1, numberEditor(1e6, 2));
        t->setItem(row, 2, new QTableWidgetItem);
    } else {
        t->setItem(row, 0, new QTableWidgetItem);
        t->setCellWidget(row, 1, numberEditor(24, 2));
    }
}

Json WorkOrderView::completionFields(QStringList* photoFiles) const
{
    auto number = [](QTableWidget* t, int row, int column) {
        auto* box = qobject_cast<QDoubleSpinBox*>(t->cellWidget(row, column));
        return box ? box->value() : 0.0;
    };
    auto cell = [](QTableWidget* t, int row, int column) {
        auto* item = t->item(row, column);
        return item ? item->text().trimmed().toStdString() : std::string();
    };
    Json quantities = Json::array();
    for (int r = 0; r < m_quantities->rowCount(); ++r) {
        auto* measure = qobject_cast<QComboBox*>(m_quantities->cellWidget(r, 0));
        const std::string m = measure ? measure->currentData().toString().toStdString() : std::string();
        quantities.push_back({{"id", m_replica.ids().next().toString()},
                              {"measure", m},
                              {"quantity", number(m_quantities, r, 1)},
                              {"unit", unitOf(m).toStdString()}});
    }
    Json materials = Json::array();
    for (int r = 0; r < m_materials->rowCount(); ++r) {
        // A row left empty is no line: the crew added one too many.
        if (cell(m_materials, r, 0).empty() && number(m_materials, r, 1) == 0 && cell(m_materials, r, 2).empty())
            continue;
        materials.push_back({{"id", m_replica.ids().next().toString()},
                             {"material", cell(m_materials, r, 0)},
                             {"quantity", number(m_materials, r, 1)},
                             {"unit", cell(m_materials, r, 2)}});
    }
    Json labour = Json::array();
    for (int r = 0; r < m_labour->rowCount(); ++r) {
        if (cell(m_labour, r, 0).empty() && number(m_labour, r, 1) == 0) continue;
        labour.push_back({{"id", m_replica.ids().next().toString()},
                          {"worker", cell(m_labour, r, 0)},
                          {"hours", number(m_labour, r, 1)}});
    }
    Json fields{{"actual_start", toWire(m_actualStart->dateTime())},
                {"actual_end", toWire(m_actualEnd->dateTime())},
                {"status", "completed"}};
    if (!quantities.empty()) fields["quantities"] = quantities;
    if (!materials.empty()) fields["materials"] = materials;
    if (!labour.empty()) fields["labour"] = labour;
    const QString note = m_note->toPlainText().trimmed();
    if (!note.isEmpty()) {
        Json line{{"id", m_replica.ids().next().toString()},
                  {"at", formatInstant(m_clock.now())},
                  {"text", note.toStdString()}};
        if (auto user = m_replica.user()) line["author_id"] = user->id.toString();
        fields["notes"] = Json::array({line});
    }
    *photoFiles = client::photoFiles(*m_photos);
    return fields;
}

bool WorkOrderView::save(const Json& fields, const QStringList& photos)
{
    clearProblems();
    // One replica transaction: the photos, the lines, the times and the status, or nothing.
    auto saved = m_replica.write([&]() -> Result<LocalEdit> {
        for (const QString& file : photos) {
            auto added = m_replica.addPhoto("work_order", m_orderId, file);
            if (!added) {
                Error e = added.error();
                for (auto& f : e.fields) f.field = "photos";
                return e;
            }
        }
        return m_replica.editRow("work_order", m_orderId, fields);
    });
    if (!saved) {
        showProblems(saved.error());
        return false;
    }
    open(m_orderId);
    emit edited();
    return true;
}

bool WorkOrderView::start()
{
    return save(Json{{"status", "in_progress"}, {"actual_start", formatInstant(m_clock.now())}});
}

bool WorkOrderView::pause(const QString& reason)
{
    return save(Json{{"status", "on_hold"}, {"hold_reason", reason.trimmed().toStdString()}});
}

bool WorkOrderView::resume()
{
    return save(Json{{"status", "in_progress"}});
}

bool WorkOrderView::complete()
{
    QStringList photos;
    const Json fields = completionFields(&photos);
    return save(fields, photos);
}

void WorkOrderView::addPhotoFiles(const QStringList& files)
{
    appendPhotoItems(*m_photos, files);
}

void WorkOrderView::clearProblems()
{
    m_problems->hide();
    for (auto& [field, label] : m_fieldProblems) {
        label->clear();
        label->hide();
    }
}

void WorkOrderView::showProblems(const Error& error)
{
    QStringList general;
    for (const FieldError& f : error.fields) {
        // "quantities[0].quantity" is said beside "quantities", with its line number.
        std::string base = f.field.substr(0, f.field.find_first_of("[."));
        QString where;
        if (auto open = f.field.find('['); open != std::string::npos)
            where = tr("Line %1: ").arg(std::stoi(f.field.substr(open + 1)) + 1);
        auto it = m_fieldProblems.find(base);
        if (it == m_fieldProblems.end()) {
            general << QStringLiteral("%1: %2").arg(QString::fromStdString(f.field), Labels::fieldProblem(f));
            continue;
        }
        QLabel* label = it->second;
        label->setText((label->text().isEmpty() ? QString() : label->text() + QLatin1Char('\n')) + where +
                       Labels::fieldProblem(f));
        label->show();
    }
    QString summary;
    if (error.code == "validation_failed")
        summary = tr("Nothing was saved: correct the parts marked below.");
    else if (error.code == "transition_forbidden" || error.code == "transition_invalid" ||
             error.code == "not_assigned_crew")
        summary = tr("This order cannot move to that state now (%1).").arg(QString::fromStdString(error.code));
    else
        summary = tr("Nothing was saved (%1).").arg(QString::fromStdString(error.code));
    if (!general.isEmpty()) summary += QLatin1Char('\n') + general.join(QLatin1Char('\n'));
    m_problems->setText(summary);
    m_problems->show();
}

void WorkOrderView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QWidget::changeEvent(event);
}

} // namespace yanghu::client
