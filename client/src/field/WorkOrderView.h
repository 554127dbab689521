// SPDX-License-Identifier: MIT
#pragma once

#include "replica/Replica.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Result.h"

#include <QWidget>

#include <map>
#include <string>
#include <vector>

class QDateTimeEdit;
class QLabel;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace yanghu::client {

// One work order on the crew's laptop: what and where (the asset card, the defects it came
// from, the instructions), the state buttons the signed-in user may press now (core's
// allowedTargets), and the completion form — actual times, quantities, materials, labour, a
// note, photos from disk. Completing writes the whole form as one replica edit: when core's
// rules refuse any of it, each problem is shown beside its part and nothing is saved.
class WorkOrderView : public QWidget {
    Q_OBJECT
public:
    WorkOrderView(Replica& replica, const Clock& clock, QWidget* parent = nullptr);

    // Shows the order; false when the replica does not have it.
    bool open(const std::string& orderId);
    const std::string& orderId() const { return m_orderId; }

    // The form's actions (also the buttons'). True when the edit was saved.
    bool start();
    bool pause(const QString& reason);
    bool resume();
    bool complete();

    // Adds photo files to the completion (checked and copied when it is saved).
    void addPhotoFiles(const QStringList& files);

signals:
    void backRequested();
    // A saved edit: the shell refreshes its counts and lists.
    void edited();

protected:
    void changeEvent(QEvent* event) override;

private:
    void build();
    void retranslate();
    void render();
    void updateButtons();
    QString precedence() const;
    void clearProblems();
    void showProblems(const Error& error);
    bool save(const Json& fields, const QStringList& photos = {});
    Json completionFields(QStringList* photoFiles) const;
    void addLine(QTableWidget* table);

    Replica& m_replica;
    const Clock& m_clock;
    std::string m_orderId;
    Json m_order;

    QLabel* m_heading;
    QLabel* m_summary;
    QLabel* m_asset;
    QLabel* m_defects;
    QLabel* m_instructions;
    QLabel* m_problems; // the summary of what stopped a save
    QPushButton* m_back;
    QPushButton* m_start;
    QPushButton* m_pause;
    QPushButton* m_resume;
    QPushButton* m_complete;
    QLabel* m_timesLabel;
    QDateTimeEdit* m_actualStart;
    QDateTimeEdit* m_actualEnd;
    QTableWidget* m_quantities;
    QTableWidget* m_materials;
    QTableWidget* m_labour;
    QPlainTextEdit* m_note;
    QListWidget* m_photos;
    QPushButton* m_addPhotos;
    std::vector<QPushButton*> m_addLineButtons;
    // Beside each part of the form: where its problems are said ("actual_end", "quantities", ...).
    std::map<std::string, QLabel*> m_fieldProblems;
    std::vector<QLabel*> m_sectionTitles;
};

} // namespace yanghu::client
