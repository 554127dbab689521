// SPDX-License-Identifier: MIT
#pragma once

#include "app/LoginDialog.h"
#include "app/MainWindow.h"
#include "app/Profile.h"
#include "sync/Login.h"

#include "yanghu/core/Clock.h"

#include <QObject>
#include <QPointer>

namespace yanghu::client {

// The client's start and the way between signing in and the main window: a remembered
// sign-in opens its replica at once (online or not); otherwise, or after signing out, the
// login form; a refused token asks for the password again over the open window.
class AppController : public QObject {
    Q_OBJECT
public:
    // `dataDir`: where replicas live (the user's data folder when empty).
    AppController(Profile& profile, const Clock& clock, QString dataDir = {}, MainWindow::Options options = {},
                  QObject* parent = nullptr);
    ~AppController() override;

    void start();
    MainWindow* mainWindow() const { return m_main; }
    LoginDialog* loginDialog() const { return m_login; }
    void setLoginRetryPolicy(const RetryPolicy& policy) { m_retry = policy; }
    // Signs in with this password once, without waiting for the user (scripts/run's demo).
    void setAutomaticSignIn(const QString& password) { m_autoPassword = password; }

signals:
    // The user closed the login form without signing in, or quit.
    void finished();
    void mainWindowShown(yanghu::client::MainWindow* window);

private:
    void showLogin(const QString& reason);
    void onSignedIn();
    // The login form over the open window; `reason` replaces the expired-session text.
    void signInAgain(const QString& reason);
    // Opens the replica and the window; false (with the message) when the replica cannot be.
    bool openMain(const RememberedSignIn& signIn, QString* why);

    Profile& m_profile;
    const Clock& m_clock;
    QString m_dataDir;
    MainWindow::Options m_options;
    RetryPolicy m_retry;
    QPointer<MainWindow> m_main;
    QPointer<LoginDialog> m_login;
    QString m_autoPassword; // used by the first login form, then forgotten
};

} // namespace yanghu::client
