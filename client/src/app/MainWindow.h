// SPDX-License-Identifier: MIT
#pragma once

#include "app/Profile.h"
#include "app/ServerProbe.h"
#include "replica/Replica.h"
#include "sync/Login.h"
#include "sync/SyncEngine.h"

#include "yanghu/core/Clock.h"

#include <QMainWindow>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>

class QAction;
class QLabel;
class QProgressBar;
class QThread;
class QStackedWidget;
class QToolButton;

namespace yanghu::client {

class TonightView;
class WorkOrderView;
class ConflictsView;
class AssetsView;

// The shell around the perspectives: menus with every action and its shortcut, the status
// bar that always says online/offline, edits waiting to be sent, the last sync and the
// conflicts waiting, and the sync itself (Sync now, progress, cancel; automatic when the
// server becomes reachable). The perspective follows the signed-in role: the field crew's
// (Tonight) now; dispatch and supervision are added to perspectiveFor() when they exist.
// Owns the GUI thread's replica; the sync runs on its own thread with its own connection.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    struct Options {
        ServerProbe::Intervals probe;
        SyncOptions sync;
        // After a sync, the token is exchanged for a new one when it is older than this (or
        // its age is unknown: a remembered sign-in), so a laptop online now and then keeps its
        // crew signed in (tokens live auth.token_ttl_hours on the server, 12 by default).
        std::chrono::milliseconds tokenRefreshEvery = std::chrono::hours(1);
    };
    MainWindow(Profile& profile, RememberedSignIn signIn, std::unique_ptr<Replica> replica, const Clock& clock,
               Options options, QWidget* parent = nullptr);
    MainWindow(Profile& profile, RememberedSignIn signIn, std::unique_ptr<Replica> replica, const Clock& clock)
        : MainWindow(profile, std::move(signIn), std::move(replica), clock, Options{})
    {
    }
    ~MainWindow() override;

    // Whether this build has screens for `role` (wire name).
    static bool hasPerspectiveFor(const std::string& role);

    Replica& replica() { return *m_replica; }
    SyncEngine& syncEngine() { return *m_engine; }
    ServerProbe& probe() { return *m_probe; }
    const RememberedSignIn& signIn() const { return m_signIn; }
    TonightView* tonight() const { return m_tonight; }
    WorkOrderView* workOrder() const { return m_workOrder; }
    // The field perspective: the order on its own screen, and back to the list.
    void openOrder(const QString& orderId);
    void showTonight();
    void showConflicts();
    ConflictsView* conflicts() const { return m_conflictsView; }
    // The replica's assets: table, map and card (Ctrl+2; Tonight is Ctrl+1).
    void showAssets();
    AssetsView* assets() const { return m_assetsView; }

    // A new token after signing in again (the old one expired): remembered, and the sync
    // that needed it runs.
    void setToken(const QString& token);
    // The token was issued just now (a sign-in through the form): no refresh needed yet.
    void noteFreshToken() { m_tokenFreshAt = m_clock.now(); }
    bool isRefreshingToken() const { return m_refreshThread != nullptr; }

public slots:
    void syncNow();
    void cancelSync();
    // Re-reads the counts and the perspective from the replica.
    void refresh();
    void signOut();
    void showSettings();
    // The defect form, for the asset of the order on screen (field perspective).
    void reportDefect();

signals:
    // The server refused the token: the user must sign in again (the replica stays open).
    void signInAgainNeeded();
    // The user signed out: the window closes; the login form comes next.
    void signedOut();

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void makeEngine(); // for m_signIn's server and token
    void buildActions();
    void buildStatusBar();
    void retranslate();
    void onOnlineChanged(bool online);
    void onSyncProgress(SyncPhase phase, qint64 done, qint64 total);
    void onSyncFinished(bool ok, const QString& message);
    void updateStatus();
    bool exportOutbox(const QString& path, QString* why);
    void refreshTokenIfDue();
    void onTokenRefreshed();

    Profile& m_profile;
    RememberedSignIn m_signIn;
    std::unique_ptr<Replica> m_replica;
    const Clock& m_clock;
    Options m_options;
    std::unique_ptr<SyncEngine> m_engine;
    ServerProbe* m_probe;
    bool m_closing = false;

    QStackedWidget* m_perspectives;
    TonightView* m_tonight = nullptr;
    WorkOrderView* m_workOrder = nullptr;
    ConflictsView* m_conflictsView = nullptr;
    AssetsView* m_assetsView = nullptr;

    QMenu* m_fileMenu = nullptr;
    QMenu* m_syncMenu = nullptr;
    QMenu* m_workMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QAction* m_showTonight = nullptr;
    QAction* m_showAssets = nullptr;
    QAction* m_reportDefect = nullptr;
    QAction* m_showConflicts = nullptr;
    QAction* m_syncNow = nullptr;
    QAction* m_cancelSync = nullptr;
    QAction* m_settings = nullptr;
    QAction* m_signOut = nullptr;
    QAction* m_quit = nullptr;

    QLabel* m_online;
    QLabel* m_pending;
    QLabel* m_lastSync;
    QLabel* m_conflicts;
    QLabel* m_syncMessage;
    QProgressBar* m_progress;
    QToolButton* m_cancelButton;
    qint64 m_pendingCount = 0;
    qint64 m_conflictCount = 0;
    // The sync line, made again on a language change (a message from the engine stays as it came).
    std::function<QString()> m_lastMessage;

    // The token refresh runs on its own thread (an HTTP round trip); a sync asked for meanwhile
    // waits for it, since the refresh ends the old token.
    std::optional<Instant> m_tokenFreshAt;
    QThread* m_refreshThread = nullptr;
    std::shared_ptr<Result<LoginAnswer>> m_refreshResult;
    std::atomic<bool> m_refreshCancel{false};
    bool m_syncAfterRefresh = false;
};

} // namespace yanghu::client
