// SPDX-License-Identifier: MIT
#include "app/MainWindow.h"

#include "app/Labels.h"
#include "app/LoginDialog.h"
#include "app/Translations.h"
#include "assets/AssetsView.h"
#include "field/ConflictsView.h"
#include "field/DefectReportDialog.h"
#include "field/RowText.h"
#include "field/TonightView.h"
#include "field/WorkOrderView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFile>
#include <QFileDialog>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTableView>
#include <QTableWidget>
#include <QThread>
#include <QToolButton>

namespace yanghu::client {

namespace {

// The action's text, and its tooltip with the shortcut ("… (F5)"), for those who hover before
// they learn the keys.
void describe(QAction* action, const QString& text, const QString& tip)
{
    action->setText(text);
    const QString keys = action->shortcut().toString(QKeySequence::NativeText);
    action->setToolTip(keys.isEmpty() ? tip : QStringLiteral("%1 (%2)").arg(tip, keys));
}

QDateTime utc(Instant t)
{
    return QDateTime::fromMSecsSinceEpoch(t.time_since_epoch().count(), Qt::UTC);
}

QString when(const QDateTime& at, const QDateTime& now)
{
    const QDateTime local = at.toLocalTime();
    if (local.date() == now.toLocalTime().date()) return QLocale().toString(local.time(), QLocale::ShortFormat);
    return QLocale().toString(local, QLocale::ShortFormat);
}

} // namespace

MainWindow::MainWindow(Profile& profile, RememberedSignIn signIn, std::unique_ptr<Replica> replica, const Clock& clock,
                       Options options, QWidget* parent)
    : QMainWindow(parent), m_profile(profile), m_signIn(std::move(signIn)), m_replica(std::move(replica)),
      m_clock(clock), m_options(std::move(options))
{
    setObjectName(QStringLiteral("mainWindow"));
    makeEngine();
    m_probe = new ServerProbe(m_signIn.server, m_options.probe, this);
    connect(m_probe, &ServerProbe::onlineChanged, this, &MainWindow::onOnlineChanged);

    m_perspectives = new QStackedWidget(this);
    m_perspectives->setObjectName(QStringLiteral("perspectives"));
    setCentralWidget(m_perspectives);
    const std::string role = m_signIn.user.value("role", std::string());
    if (role == "field_crew") {
        m_tonight = new TonightView(*m_replica, m_signIn.user.value("crew_id", std::string()), m_clock, this);
        connect(m_tonight, &TonightView::problem, this,
                [this](const QString& m) { statusBar()->showMessage(m, 10000); });
        m_perspectives->addWidget(m_tonight);
        m_workOrder = new WorkOrderView(*m_replica, m_clock, this);
        m_perspectives->addWidget(m_workOrder);
        connect(m_tonight, &TonightView::openRequested, this, &MainWindow::openOrder);
        connect(m_workOrder, &WorkOrderView::backRequested, this, &MainWindow::showTonight);
        connect(m_workOrder, &WorkOrderView::edited, this, &MainWindow::refresh);
        m_conflictsView = new ConflictsView(*m_replica, this);
        m_perspectives->addWidget(m_conflictsView);
        connect(m_conflictsView, &ConflictsView::backRequested, this, &MainWindow::showTonight);
        connect(m_conflictsView, &ConflictsView::read, this, &MainWindow::refresh);
        m_assetsView = new AssetsView(*m_replica, this);
        m_perspectives->addWidget(m_assetsView);
        connect(m_assetsView, &AssetsView::reportDefectRequested, this, &MainWindow::reportDefect);
        connect(m_assetsView, &AssetsView::problem, this,
                [this](const QString& m) { statusBar()->showMessage(m, 10000); });
    }

    buildActions();
    buildStatusBar();
    retranslate();
    refresh();
    resize(1100, 700);
    m_probe->probeNow(); // online: the first sync starts when it answers
}

MainWindow::~MainWindow()
{
    if (m_refreshThread) { // its lambda reads m_refreshCancel: it must end before the window
        m_refreshCancel = true;
        m_refreshThread->wait();
        delete m_refreshThread;
    }
}

void MainWindow::makeEngine()
{
    m_engine = std::make_unique<SyncEngine>(
        SyncEngine::Config{m_signIn.replicaPath, m_signIn.server, m_signIn.token, m_options.sync});
    connect(m_engine.get(), &SyncEngine::progress, this, &MainWindow::onSyncProgress);
    connect(m_engine.get(), &SyncEngine::finished, this, &MainWindow::onSyncFinished);
}

bool MainWindow::hasPerspectiveFor(const std::string& role)
{
    return role == "field_crew";
}

void MainWindow::buildActions()
{
    // Texts come in retranslate(); the shortcuts show in the menus and the tooltips.
    auto action = [this](const char* name, QList<QKeySequence> keys, auto slot) {
        auto* a = new QAction(this);
        a->setObjectName(QString::fromLatin1(name));
        a->setShortcuts(keys);
        connect(a, &QAction::triggered, this, slot);
        return a;
    };
    m_syncNow =
        action("actionSyncNow", {QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R)}, &MainWindow::syncNow);
    m_cancelSync = action("actionCancelSync", {QKeySequence(Qt::CTRL | Qt::Key_Period)}, &MainWindow::cancelSync);
    m_cancelSync->setEnabled(false);
    m_settings = action("actionSettings", {QKeySequence(Qt::CTRL | Qt::Key_Comma)}, &MainWindow::showSettings);
    m_settings->setMenuRole(QAction::PreferencesRole);
    m_signOut = action("actionSignOut", {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L)}, &MainWindow::signOut);
    m_quit = action("actionQuit", {QKeySequence(Qt::CTRL | Qt::Key_Q)}, &QWidget::close);
    m_quit->setMenuRole(QAction::QuitRole);
    m_reportDefect = action("actionReportDefect", {QKeySequence(Qt::CTRL | Qt::Key_D)}, &MainWindow::reportDefect);
    m_showConflicts = action("actionShowConflicts", {QKeySequence(Qt::CTRL | Qt::Key_K)}, &MainWindow::showConflicts);
    m_showTonight = action("actionShowTonight", {QKeySequence(Qt::CTRL | Qt::Key_1)}, &MainWindow::showTonight);
    m_showAssets = action("actionShowAssets", {QKeySequence(Qt::CTRL | Qt::Key_2)}, &MainWindow::showAssets);

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_settings);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_signOut);
    m_fileMenu->addAction(m_quit);
    m_syncMenu = menuBar()->addMenu(QString());
    m_syncMenu->addAction(m_syncNow);
    m_syncMenu->addAction(m_cancelSync);
    if (m_assetsView) {
        m_viewMenu = menuBar()->addMenu(QString());
        m_viewMenu->addAction(m_showTonight);
        m_viewMenu->addAction(m_showAssets);
    }
    if (m_workOrder) {
        m_workMenu = menuBar()->addMenu(QString());
        m_workMenu->addAction(m_reportDefect);
        m_workMenu->addAction(m_showConflicts);
    }
}

void MainWindow::buildStatusBar()
{
    auto label = [this](const char* name) {
        auto* l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        return l;
    };
    m_online = label("onlineLabel");
    m_pending = label("pendingLabel");
    m_lastSync = label("lastSyncLabel");
    m_conflicts = label("conflictsLabel");
    m_conflicts->setTextFormat(Qt::RichText);
    connect(m_conflicts, &QLabel::linkActivated, this, &MainWindow::showConflicts);
    m_syncMessage = label("syncMessageLabel");
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("syncProgress"));
    m_progress->setMaximumWidth(220);
    m_progress->hide();
    m_cancelButton = new QToolButton(this);
    m_cancelButton->setObjectName(QStringLiteral("cancelSyncButton"));
    m_cancelButton->setDefaultAction(m_cancelSync);
    m_cancelButton->hide();
    statusBar()->addWidget(m_syncMessage, 1);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancelButton);
    statusBar()->addPermanentWidget(m_pending);
    statusBar()->addPermanentWidget(m_conflicts);
    statusBar()->addPermanentWidget(m_lastSync);
    statusBar()->addPermanentWidget(m_online);
}

void MainWindow::retranslate()
{
    const QString user = QString::fromStdString(m_signIn.user.value("display_name", m_signIn.username.toStdString()));
    setWindowTitle(tr("Yanghu — %1 (%2)").arg(user, Labels::role(m_signIn.user.value("role", std::string()))));
    m_fileMenu->setTitle(tr("&File"));
    m_syncMenu->setTitle(tr("&Sync"));
    describe(m_syncNow, tr("Sync &now"), tr("Send this laptop's edits and fetch the latest work"));
    describe(m_cancelSync, tr("&Cancel sync"), tr("Stop the sync; nothing is left half-done"));
    describe(m_settings, tr("S&ettings…"), tr("Server address and language"));
    describe(m_signOut, tr("Sign &out…"), tr("Sign out of this laptop"));
    describe(m_reportDefect, tr("Report a &defect…"),
             tr("Report a defect on an asset (the open order's asset by default)"));
    describe(m_showConflicts, tr("&Conflicts and refused edits"),
             tr("What happened to edits that did not go through as made"));
    if (m_workMenu) m_workMenu->setTitle(tr("&Work"));
    if (m_viewMenu) m_viewMenu->setTitle(tr("&View"));
    describe(m_showTonight, tr("&Tonight"), tr("This shift's work orders in route order"));
    describe(m_showAssets, tr("&Assets and map"), tr("Every asset on this laptop, as a list and a map"));
    describe(m_quit, tr("&Quit"), tr("Close Yanghu; edits stay on this laptop until they are sent"));
    updateStatus();
}

void MainWindow::updateStatus()
{
    const bool answered = m_probe->hasAnswered();
    const bool online = m_probe->isOnline();
    m_online->setText(!answered ? tr("Connecting…") : online ? tr("● Online") : tr("○ Offline"));
    m_online->setStyleSheet(online ? QStringLiteral("color: #1b7f3b;") : QStringLiteral("color: #9a4d00;"));
    m_online->setToolTip(
        online
            ? tr("The server %1 answers.").arg(m_signIn.server.toString())
            : tr("The server %1 cannot be reached; your work is kept on this laptop.").arg(m_signIn.server.toString()));
    m_pending->setText(tr("%n edit(s) to send", nullptr, static_cast<int>(m_pendingCount)));
    m_conflicts->setText(QStringLiteral("<a href=\"conflicts\">%1</a>")
                             .arg(tr("%n conflict(s)", nullptr, static_cast<int>(m_conflictCount)).toHtmlEscaped()));
    m_conflicts->setVisible(m_conflictCount > 0);
    const auto last = m_profile.lastSync(m_signIn.replicaPath);
    const QDateTime now = utc(m_clock.now());
    m_lastSync->setText(last ? tr("Last sync %1").arg(when(*last, now)) : tr("Never synced"));
    m_syncMessage->setText(m_lastMessage ? m_lastMessage() : QString());
}

void MainWindow::refresh()
{
    if (auto n = m_replica->pendingCount()) m_pendingCount = *n;
    // Conflicts not read yet and refused edits not dismissed: both wait for the crew's eyes.
    if (auto n = m_replica->conflictCount()) m_conflictCount = *n;
    if (auto r = m_replica->refused()) m_conflictCount += static_cast<qint64>(r->size());
    if (m_tonight) m_tonight->refresh();
    if (m_assetsView) {
        m_assetsView->refresh();
        if (m_tonight) m_assetsView->setHighlighted(m_tonight->model().assetIds());
    }
    if (m_conflictsView && m_perspectives->currentWidget() == m_conflictsView) m_conflictsView->refresh();
    updateStatus();
}

void MainWindow::openOrder(const QString& orderId)
{
    if (!m_workOrder || !m_workOrder->open(orderId.toStdString())) return;
    m_perspectives->setCurrentWidget(m_workOrder);
    m_workOrder->setFocus();
}

void MainWindow::showTonight()
{
    if (!m_tonight) return;
    m_tonight->refresh();
    m_perspectives->setCurrentWidget(m_tonight);
    m_tonight->table().setFocus();
}

void MainWindow::showConflicts()
{
    if (!m_conflictsView) return;
    m_conflictsView->refresh();
    m_perspectives->setCurrentWidget(m_conflictsView);
    m_conflictsView->table().setFocus();
}

void MainWindow::showAssets()
{
    if (!m_assetsView) return;
    m_perspectives->setCurrentWidget(m_assetsView);
    m_assetsView->table().setFocus();
}

void MainWindow::reportDefect()
{
    if (!m_workOrder) return;
    DefectReportDialog dialog(*m_replica, this);
    if (m_perspectives->currentWidget() == m_assetsView) dialog.setAssetCode(m_assetsView->chosenCode());
    if (m_perspectives->currentWidget() == m_workOrder) {
        auto order = m_replica->row("work_order", m_workOrder->orderId());
        if (order && *order)
            if (auto ids = (**order).find("asset_ids");
                ids != (**order).end() && ids->is_array() && !ids->empty() && ids->front().is_string())
                if (auto asset = m_replica->row("asset", ids->front().get<std::string>()); asset && *asset)
                    dialog.setAssetCode(qtext(**asset, "code"));
    }
    if (dialog.exec() == QDialog::Accepted) {
        statusBar()->showMessage(tr("Defect reported; it is sent with the next sync."), 10000);
        refresh();
    }
}

void MainWindow::syncNow()
{
    if (m_engine->isRunning()) return;
    if (m_refreshThread) {
        m_syncAfterRefresh = true; // with the new token
        return;
    }
    m_lastMessage = [] { return tr("Syncing…"); };
    m_progress->setRange(0, 0);
    m_progress->show();
    m_cancelButton->show();
    m_cancelSync->setEnabled(true);
    m_syncNow->setEnabled(false);
    updateStatus();
    m_engine->start();
}

void MainWindow::cancelSync()
{
    m_engine->cancel();
}

void MainWindow::onSyncProgress(SyncPhase phase, qint64 done, qint64 total)
{
    if (total > 0) {
        m_progress->setRange(0, 1000);
        m_progress->setValue(static_cast<int>(std::min<qint64>(1000, done * 1000 / total)));
    } else {
        m_progress->setRange(0, 0);
    }
    switch (phase) {
    case SyncPhase::Photos:
        m_lastMessage = [=] { return tr("Sending photos… %1 of %2").arg(done).arg(total); };
        break;
    case SyncPhase::Push:
        m_lastMessage = [=] { return tr("Sending edits… %1 of %2").arg(done).arg(total); };
        break;
    case SyncPhase::Pull:
        m_lastMessage = [=] { return tr("Fetching changes… %1").arg(done); };
        break;
    }
    m_syncMessage->setText(m_lastMessage ? m_lastMessage() : QString());
}

void MainWindow::onSyncFinished(bool ok, const QString& message)
{
    m_progress->hide();
    m_cancelButton->hide();
    m_cancelSync->setEnabled(false);
    m_syncNow->setEnabled(true);
    const SyncReport report = m_engine->lastReport();
    if (ok) {
        m_profile.setLastSync(m_signIn.replicaPath, utc(m_clock.now()));
        m_lastMessage = [] { return tr("Synced."); };
        m_probe->report(true);
    } else {
        m_lastMessage = [message] { return message; };
        if (report.stop == SyncStop::Network) m_probe->report(false);
    }
    refresh();
    if (m_closing) {
        close();
        return;
    }
    if (report.stop == SyncStop::Unauthorized) emit signInAgainNeeded();
    if (ok) refreshTokenIfDue();
}

void MainWindow::refreshTokenIfDue()
{
    if (m_refreshThread || m_closing) return;
    if (m_tokenFreshAt && m_clock.now() - *m_tokenFreshAt < m_options.tokenRefreshEvery) return;
    m_refreshCancel = false;
    m_refreshResult = std::make_shared<Result<LoginAnswer>>(Error::of("cancelled"));
    auto result = m_refreshResult;
    const QUrl server = m_signIn.server;
    const QString token = m_signIn.token;
    const int timeoutMs = m_options.sync.timeoutMs;
    m_refreshThread = QThread::create([=, this] {
        *result = refreshToken(server, token, QStringLiteral("1"), timeoutMs, RetryPolicy{}, &m_refreshCancel);
    });
    connect(m_refreshThread, &QThread::finished, this, &MainWindow::onTokenRefreshed, Qt::QueuedConnection);
    m_refreshThread->start();
}

void MainWindow::onTokenRefreshed()
{
    m_refreshThread->wait();
    delete m_refreshThread;
    m_refreshThread = nullptr;
    // Failing is not urgent: the old token still works until it expires, and the next sync
    // tries again; an ended token makes the next sync ask for the password.
    if (const Result<LoginAnswer>& r = *m_refreshResult; r.ok()) {
        m_signIn.token = r->token;
        m_engine->setToken(r->token);
        m_profile.remember(m_signIn);
        m_tokenFreshAt = m_clock.now();
    }
    if (m_closing) {
        close();
        return;
    }
    if (std::exchange(m_syncAfterRefresh, false)) syncNow();
}

void MainWindow::onOnlineChanged(bool online)
{
    updateStatus();
    if (online && !m_engine->isRunning()) syncNow(); // the network came back: send what waited
}

void MainWindow::setToken(const QString& token)
{
    m_tokenFreshAt = m_clock.now();
    m_signIn.token = token;
    m_engine->setToken(token);
    m_profile.remember(m_signIn);
    syncNow();
}

bool MainWindow::exportOutbox(const QString& path, QString* why)
{
    auto entries = m_replica->outbox();
    if (!entries) {
        *why = tr("The edits could not be read (%1).").arg(QString::fromStdString(entries.error().code));
        return false;
    }
    Json out = Json::array();
    for (const OutboxEntry& e : *entries) {
        out.push_back({{"op_id", e.opId},
                       {"entity", e.entity},
                       {"row_id", e.rowId},
                       {"base_version", e.baseVersion},
                       {"fields", e.fields},
                       {"client_time", e.clientTime},
                       {"state", e.state}});
    }
    const Json document{{"client_id", m_replica->clientId()},
                        {"user", m_signIn.username.toStdString()},
                        {"server", m_signIn.server.toString().toStdString()},
                        {"operations", out}};
    QSaveFile file(path); // all or nothing: a half-written export is worse than none
    const std::string text = document.dump(1);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.data(), static_cast<qint64>(text.size())) < 0 ||
        !file.commit()) {
        *why = tr("%1 could not be written: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

void MainWindow::signOut()
{
    refresh();
    if (m_pendingCount > 0) {
        QMessageBox box(QMessageBox::Warning, tr("Edits not sent yet"),
                        tr("%n edit(s) made on this laptop have not reached the server yet. Signing out now "
                           "would leave them where nobody sees them.\n\nSync first, or export them to a file "
                           "for the office and then sign out.",
                           nullptr, static_cast<int>(m_pendingCount)),
                        QMessageBox::NoButton, this);
        box.setObjectName(QStringLiteral("signOutPendingBox"));
        QPushButton* exportButton = box.addButton(tr("&Export and sign out…"), QMessageBox::AcceptRole);
        exportButton->setObjectName(QStringLiteral("exportAndSignOutButton"));
        box.addButton(tr("&Keep me signed in"), QMessageBox::RejectRole);
        box.exec();
        if (box.clickedButton() != exportButton) return;
        const QString path = QFileDialog::getSaveFileName(
            this, tr("Export unsent edits"), QStringLiteral("yanghu-unsent-%1.json").arg(m_signIn.username),
            tr("JSON files (*.json)"));
        if (path.isEmpty()) return;
        QString why;
        if (!exportOutbox(path, &why)) {
            QMessageBox::critical(this, tr("Export failed"), why);
            return;
        }
    }
    m_engine->cancel();
    m_profile.forgetToken();
    emit signedOut();
    close();
}

void MainWindow::showSettings()
{
    QDialog dialog(this);
    dialog.setObjectName(QStringLiteral("settingsDialog"));
    dialog.setWindowTitle(tr("Settings"));
    auto* server = new QLineEdit(m_signIn.server.toString(), &dialog);
    server->setObjectName(QStringLiteral("settingsServerEdit"));
    auto* language = new QComboBox(&dialog);
    language->setObjectName(QStringLiteral("settingsLanguage"));
    language->addItem(tr("As the system"), QString());
    language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    language->setCurrentIndex(std::max(0, language->findData(m_profile.language())));
    auto* problem = new QLabel(&dialog);
    problem->setObjectName(QStringLiteral("settingsProblem"));
    problem->setStyleSheet(QStringLiteral("color: #b00020;"));
    problem->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    auto* form = new QFormLayout(&dialog);
    form->addRow(tr("&Server:"), server);
    form->addRow(tr("&Language:"), language);
    form->addRow(problem);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, [&] {
        QString why;
        auto url = LoginDialog::parseServer(server->text(), &why);
        if (!url) {
            problem->setText(why);
            problem->show();
            server->setFocus();
            return;
        }
        if (*url != m_signIn.server && m_engine->isRunning()) {
            problem->setText(tr("Wait for the sync to end, or cancel it, before changing the server."));
            problem->show();
            return;
        }
        dialog.accept();
    });
    if (dialog.exec() != QDialog::Accepted) return;

    const QString chosen = language->currentData().toString();
    if (chosen != m_profile.language()) {
        m_profile.setLanguage(chosen);
        installTranslations(*QCoreApplication::instance(), localeFor(chosen));
    }
    // The same server at a new address (the replica's rows and cursor stay valid: a server
    // that is another one answers with another epoch and the sync downloads again).
    if (auto url = LoginDialog::parseServer(server->text()); url && *url != m_signIn.server) {
        m_signIn.server = *url;
        m_profile.setServer(*url);
        m_profile.remember(m_signIn);
        makeEngine();
        m_probe->setServer(*url);
    }
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    // A running sync is asked to stop and the window closes when it has: its thread must not
    // outlive the window, and a stop is never half-written.
    if (m_engine->isRunning() || m_refreshThread) {
        m_closing = true;
        m_engine->cancel();
        m_refreshCancel = true;
        event->ignore();
        return;
    }
    QMainWindow::closeEvent(event);
}

} // namespace yanghu::client
