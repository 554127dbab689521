// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include <QDialog>

#include <map>
#include <optional>
#include <string>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;

namespace yanghu::client {

// Reporting a defect on the spot: the asset (typed by its code, with completion over the
// replica's assets, or given by the screen it was opened from), a category among those of the
// asset's kind, a severity (4 — an immediate hazard — asks to be confirmed), a note and
// photos. The report's location is the asset's. Saved as one replica transaction with its
// photos; each problem is said beside its field and nothing is saved.
class DefectReportDialog : public QDialog {
    Q_OBJECT
public:
    explicit DefectReportDialog(Replica& replica, QWidget* parent = nullptr);

    void setAssetCode(const QString& code);
    void addPhotoFiles(const QStringList& files);
    // The saved report's id (after accept()).
    const std::string& reportId() const { return m_reportId; }

public slots:
    void accept() override;

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void onAssetChanged();
    void fillCategories();
    void say(const std::string& field, const QString& text);
    void clearProblems();

    Replica& m_replica;
    std::map<QString, Json> m_assetsByCode; // the replica's assets, for completion and lookup
    std::optional<Json> m_asset;
    std::string m_reportId;

    QLabel* m_assetLabel;
    QLineEdit* m_assetCode;
    QLabel* m_assetInfo;
    QLabel* m_categoryLabel;
    QComboBox* m_category;
    QLabel* m_severityLabel;
    QComboBox* m_severity;
    QLabel* m_noteLabel;
    QPlainTextEdit* m_note;
    QListWidget* m_photos;
    QPushButton* m_addPhotos;
    QDialogButtonBox* m_buttons;
    std::map<std::string, QLabel*> m_problems;
};

} // namespace yanghu::client
