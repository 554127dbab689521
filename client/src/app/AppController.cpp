// SPDX-License-Identifier: MIT
#include "app/AppController.h"

#include "app/Labels.h"
#include "app/LoginDialog.h"

#include <QCoreApplication>

#include <utility>

namespace yanghu::client {

AppController::AppController(Profile& profile, const Clock& clock, QString dataDir, MainWindow::Options options,
                             QObject* parent)
    : QObject(parent), m_profile(profile), m_clock(clock), m_dataDir(std::move(dataDir)), m_options(std::move(options))
{
}

AppController::~AppController()
{
    delete m_login;
    delete m_main;
}

void AppController::start()
{
    if (auto remembered = m_profile.lastSignIn()) {
        QString why;
        if (openMain(*remembered, &why)) return;
        return showLogin(why);
    }
    showLogin({});
}

bool AppController::openMain(const RememberedSignIn& signIn, QString* why)
{
    const std::string role = signIn.user.value("role", std::string());
    if (!MainWindow::hasPerspectiveFor(role)) {
        *why = tr("You signed in as %1. This version of the desktop client has the field crew's screens; "
                  "the screens for your role come in a later version.")
                   .arg(Labels::role(role));
        return false;
    }
    auto replica = Replica::open(signIn.replicaPath);
    if (!replica) {
        *why = tr("This laptop's copy of the work (%1) cannot be opened: %2.")
                   .arg(signIn.replicaPath, QString::fromStdString(replica.error().code));
        return false;
    }
    if (auto bound = (*replica)->bindUser(signIn.user); !bound) {
        *why = tr("This laptop's copy of the work belongs to another user.");
        return false;
    }
    m_main = new MainWindow(m_profile, signIn, std::move(replica).value(), m_clock, m_options);
    m_main->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_main, &MainWindow::signInAgainNeeded, this, [this] { signInAgain({}); });
    // Direct: the login form exists before the closing window is destroyed (see finished).
    connect(m_main, &MainWindow::signedOut, this, [this] { showLogin({}); });
    connect(m_main, &QObject::destroyed, this, [this] {
        if (!m_login) emit finished();
    });
    m_main->show();
    emit mainWindowShown(m_main);
    return true;
}

void AppController::showLogin(const QString& reason)
{
    delete m_login;
    m_login = new LoginDialog;
    m_login->setRetryPolicy(m_retry);
    m_login->setServer(m_profile.server());
    m_login->setUsername(m_profile.lastUsername());
    m_login->setReason(reason);
    connect(m_login, &QDialog::accepted, this, &AppController::onSignedIn);
    connect(m_login, &QDialog::rejected, this, [this] {
        m_login->deleteLater();
        if (!m_main) emit finished();
    });
    m_login->show();
    if (!m_autoPassword.isEmpty()) {
        m_login->setPassword(std::exchange(m_autoPassword, QString()));
        m_login->accept();
    }
}

void AppController::onSignedIn()
{
    const LoginAnswer answer = m_login->answer();
    RememberedSignIn signIn{m_login->server(), m_login->username(), answer.token, answer.user,
                            Profile::replicaPathFor(m_login->server(), m_login->username(), m_dataDir)};
    m_login->deleteLater();
    m_profile.setServer(signIn.server);
    if (m_main) { // signed in again over the open window: the replica's own user only
        if (signIn.user.value("id", std::string()) != m_main->signIn().user.value("id", std::string())) {
            signInAgain(tr("This laptop's copy of the work belongs to %1. Sign in as %1, or sign out first.")
                            .arg(m_main->signIn().username));
            return;
        }
        m_main->setToken(signIn.token);
        return;
    }
    QString why;
    if (!openMain(signIn, &why)) return showLogin(why);
    m_main->noteFreshToken();
    m_profile.remember(signIn);
}

void AppController::signInAgain(const QString& reason)
{
    if (m_login && !m_login->isHidden()) return;
    m_login = new LoginDialog(m_main);
    m_login->setRetryPolicy(m_retry);
    m_login->setServer(m_main->signIn().server);
    m_login->setUsername(m_main->signIn().username);
    m_login->setReason(reason.isEmpty() ? tr("Your session on the server has ended. Sign in again to send your edits; "
                                             "they are kept on this laptop meanwhile.")
                                        : reason);
    connect(m_login, &QDialog::accepted, this, &AppController::onSignedIn);
    connect(m_login, &QDialog::rejected, m_login, &QObject::deleteLater);
    m_login->open();
}

} // namespace yanghu::client
