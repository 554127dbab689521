// SPDX-License-Identifier: MIT
#include "field/DefectReportDialog.h"

#include "app/Labels.h"
#include "field/FormParts.h"
#include "field/RowText.h"

#include "yanghu/core/domain/DefectReport.h"

#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace yanghu::client {

DefectReportDialog::DefectReportDialog(Replica& replica, QWidget* parent) : QDialog(parent), m_replica(replica)
{
    setObjectName(QStringLiteral("defectReportDialog"));
    auto problem = [this](const std::string& field) { return m_problems[field] = makeProblemLabel(this, field); };
    // The assets this laptop has (a crew's scope: hundreds to a few thousand), by code.
    if (auto assets = m_replica.rows("asset"))
        for (Json& a : *assets) {
            QString code = qtext(a, "code"); // before the move: json's operator= takes its argument by value
            m_assetsByCode[std::move(code)] = std::move(a);
        }
    m_assetCode = new QLineEdit(this);
    m_assetCode->setObjectName(QStringLiteral("defectAssetEdit"));
    QStringList codes;
    for (const auto& [code, asset] : m_assetsByCode) codes << code;
    auto* completer = new QCompleter(codes, this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_assetCode->setCompleter(completer);
    connect(m_assetCode, &QLineEdit::textChanged, this, &DefectReportDialog::onAssetChanged);
    m_assetInfo = new QLabel(this);
    m_assetInfo->setObjectName(QStringLiteral("defectAssetInfo"));
    m_category = new QComboBox(this);
    m_category->setObjectName(QStringLiteral("defectCategory"));
    m_severity = new QComboBox(this);
    m_severity->setObjectName(QStringLiteral("defectSeverity"));
    for (int s = 1; s <= 4; ++s) m_severity->addItem(QString(), s);
    m_severity->setCurrentIndex(1);
    m_note = new QPlainTextEdit(this);
    m_note->setObjectName(QStringLiteral("defectNote"));
    m_note->setTabChangesFocus(true); // keyboard: Tab leaves the note
    m_photos = new QListWidget(this);
    m_photos->setObjectName(QStringLiteral("defectPhotoList"));
    m_photos->setViewMode(QListView::IconMode);
    m_photos->setIconSize(QSize(96, 96));
    m_photos->setMaximumHeight(140);
    m_addPhotos = new QPushButton(this);
    m_addPhotos->setObjectName(QStringLiteral("defectAddPhotosButton"));
    connect(m_addPhotos, &QPushButton::clicked, this, [this] {
        addPhotoFiles(QFileDialog::getOpenFileNames(this, tr("Photos of the defect"), QString(),
                                                    tr("Photos (*.jpg *.jpeg *.png *.webp)")));
    });
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("defectSaveButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &DefectReportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &DefectReportDialog::reject);

    m_assetLabel = new QLabel(this);
    m_assetLabel->setBuddy(m_assetCode);
    m_categoryLabel = new QLabel(this);
    m_categoryLabel->setBuddy(m_category);
    m_severityLabel = new QLabel(this);
    m_severityLabel->setBuddy(m_severity);
    m_noteLabel = new QLabel(this);
    m_noteLabel->setBuddy(m_note);
    auto* form = new QFormLayout;
    auto withProblem = [&](QWidget* field, const std::string& name) {
        auto* box = new QWidget(this);
        auto* v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->addWidget(field);
        v->addWidget(problem(name));
        return box;
    };
    auto* assetBox = new QWidget(this);
    auto* assetColumn = new QVBoxLayout(assetBox);
    assetColumn->setContentsMargins(0, 0, 0, 0);
    assetColumn->addWidget(m_assetCode);
    assetColumn->addWidget(m_assetInfo);
    assetColumn->addWidget(problem("asset_id"));
    form->addRow(m_assetLabel, assetBox);
    form->addRow(m_categoryLabel, withProblem(m_category, "category"));
    form->addRow(m_severityLabel, withProblem(m_severity, "severity"));
    form->addRow(m_noteLabel, withProblem(m_note, "description"));
    auto* photoBox = new QWidget(this);
    auto* photoColumn = new QVBoxLayout(photoBox);
    photoColumn->setContentsMargins(0, 0, 0, 0);
    photoColumn->addWidget(m_photos);
    photoColumn->addWidget(m_addPhotos, 0, Qt::AlignLeft);
    photoColumn->addWidget(problem("photos"));
    form->addRow(QString(), photoBox);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(problem("general"));
    layout->addWidget(m_buttons);
    retranslate();
    onAssetChanged();
    setMinimumWidth(480);
}

void DefectReportDialog::setAssetCode(const QString& code)
{
    m_assetCode->setText(code);
    m_category->setFocus();
}

void DefectReportDialog::addPhotoFiles(const QStringList& files)
{
    appendPhotoItems(*m_photos, files);
}

void DefectReportDialog::onAssetChanged()
{
    auto it = m_assetsByCode.find(m_assetCode->text().trimmed());
    m_asset = it == m_assetsByCode.end() ? std::nullopt : std::optional<Json>(it->second);
    if (m_asset) {
        QString street;
        if (auto s = m_replica.row("street", text(*m_asset, "street_id")); s && *s) street = qtext(**s, "name");
        m_assetInfo->setText(street.isEmpty()
                                 ? Labels::assetKind(text(*m_asset, "kind"))
                                 : QStringLiteral("%1 · %2").arg(Labels::assetKind(text(*m_asset, "kind")), street));
    } else {
        m_assetInfo->setText(m_assetCode->text().trimmed().isEmpty() ? QString()
                                                                     : tr("No asset with this code on this laptop."));
    }
    fillCategories();
}

void DefectReportDialog::fillCategories()
{
    // The categories of the asset's kind, then Other; every category while no asset is chosen.
    const QString kept = m_category->currentData().toString();
    const auto kind = m_asset ? enumFromName<AssetKind>(text(*m_asset, "kind")) : std::nullopt;
    m_category->clear();
    for (int c = 0; c <= static_cast<int>(DefectCategory::Other); ++c) {
        const auto category = static_cast<DefectCategory>(c);
        const auto of = categoryKind(category);
        if (kind && of && *of != *kind) continue;
        const std::string name(enumName(category));
        m_category->addItem(Labels::defectCategory(name), QString::fromStdString(name));
    }
    m_category->setCurrentIndex(std::max(0, m_category->findData(kept)));
}

void DefectReportDialog::say(const std::string& field, const QString& text)
{
    QLabel* label = m_problems.count(field) ? m_problems[field] : m_problems["general"];
    label->setText(label->text().isEmpty() ? text : label->text() + QLatin1Char('\n') + text);
    label->show();
}

void DefectReportDialog::clearProblems()
{
    for (auto& [field, label] : m_problems) {
        label->clear();
        label->hide();
    }
}

void DefectReportDialog::accept()
{
    clearProblems();
    if (!m_asset) {
        say("asset_id", m_assetCode->text().trimmed().isEmpty()
                            ? Labels::fieldProblem(FieldError{"asset_id", "required", {}})
                            : tr("No asset with this code on this laptop."));
        m_assetCode->setFocus();
        return;
    }
    const int severity = m_severity->currentData().toInt();
    if (severity == 4) {
        const auto answer = QMessageBox::warning(
            this, tr("Immediate hazard"),
            tr("Severity 4 means an immediate hazard: the site must be made safe now and the office is alerted "
               "at the next sync. Report it as an immediate hazard?"),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) return;
    }
    Json fields{{"category", m_category->currentData().toString().toStdString()},
                {"severity", severity},
                {"asset_id", text(*m_asset, "id")},
                {"description", m_note->toPlainText().trimmed().toStdString()}};
    if (auto g = m_asset->find("geometry"); g != m_asset->end() && g->is_array() && !g->empty())
        fields["location"] = g->front();
    const QStringList photos = photoFiles(*m_photos);
    // The report and its photos in one transaction: a refused photo leaves no report.
    auto saved = m_replica.write([&]() -> Result<LocalEdit> {
        auto created = m_replica.createDefectReport(fields);
        if (!created) return created;
        for (const QString& file : photos) {
            auto added = m_replica.addPhoto("defect_report", created->rowId, file);
            if (!added) {
                Error e = added.error();
                for (auto& f : e.fields) f.field = "photos";
                return e;
            }
        }
        return created;
    });
    if (!saved) {
        for (const FieldError& f : saved.error().fields)
            say(f.field.substr(0, f.field.find_first_of("[.")), Labels::fieldProblem(f));
        if (saved.error().fields.empty())
            say("general", tr("Not saved (%1).").arg(QString::fromStdString(saved.error().code)));
        return;
    }
    m_reportId = saved->rowId;
    QDialog::accept();
}

void DefectReportDialog::retranslate()
{
    setWindowTitle(tr("Report a defect"));
    m_assetLabel->setText(tr("&Asset code:"));
    m_assetCode->setPlaceholderText(tr("e.g. YS-00412"));
    m_categoryLabel->setText(tr("&Category:"));
    m_severityLabel->setText(tr("Se&verity:"));
    m_noteLabel->setText(tr("&Note:"));
    m_addPhotos->setText(tr("Add &photos…"));
    for (int i = 0; i < m_severity->count(); ++i)
        m_severity->setItemText(i, Labels::severity(m_severity->itemData(i).toInt()));
    for (int i = 0; i < m_category->count(); ++i)
        m_category->setItemText(i, Labels::defectCategory(m_category->itemData(i).toString().toStdString()));
    onAssetChanged();
}

void DefectReportDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDialog::changeEvent(event);
}

} // namespace yanghu::client
