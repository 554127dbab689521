// SPDX-License-Identifier: MIT
#pragma once

#include "sync/Login.h"

#include <QDialog>
#include <QUrl>

#include <atomic>
#include <memory>
#include <optional>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QThread;

namespace yanghu::client {

// Server address, user name, password. Signing in runs off the GUI thread (the server may
// be slow at a shift change, and the client retries); Cancel stops it. Each problem is shown
// beside its field or under the form, in the user's language; nothing is remembered until
// the server said yes.
class LoginDialog : public QDialog {
    Q_OBJECT
public:
    explicit LoginDialog(QWidget* parent = nullptr);
    ~LoginDialog() override;

    void setServer(const QUrl& server);
    void setUsername(const QString& username);
    void setPassword(const QString& password);
    // A line above the form (why the user must sign in again, e.g. an expired session).
    void setReason(const QString& reason);

    // After accept(): what the server answered, and to whom.
    const LoginAnswer& answer() const { return *m_answer; }
    QUrl server() const;
    QString username() const;

    // The login's retry policy (tests shorten it).
    void setRetryPolicy(const RetryPolicy& policy) { m_retry = policy; }

    // A server address as typed ("192.168.1.5:8080", "https://yh.example.cn") made a URL, or
    // none when it is not one (with why, translated).
    static std::optional<QUrl> parseServer(const QString& text, QString* why = nullptr);

public slots:
    void accept() override;
    void reject() override;

signals:
    void signInFinished(bool ok);

protected:
    void changeEvent(QEvent* event) override;

private:
    void retranslate();
    void setBusy(bool busy);
    void onLoginDone();
    void showProblem(const QString& text, QWidget* field);

    QLabel* m_reason;
    QLabel* m_serverLabel;
    QLineEdit* m_server;
    QLabel* m_userLabel;
    QLineEdit* m_user;
    QLabel* m_passwordLabel;
    QLineEdit* m_password;
    QLabel* m_message;
    QProgressBar* m_busy;
    QDialogButtonBox* m_buttons;

    RetryPolicy m_retry;
    std::atomic<bool> m_cancel{false};
    QThread* m_thread = nullptr; // the login in flight
    std::shared_ptr<Result<LoginAnswer>> m_result;
    std::optional<LoginAnswer> m_answer;
    QUrl m_signingInTo;
};

} // namespace yanghu::client
