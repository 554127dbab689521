// SPDX-License-Identifier: MIT
#include "app/LoginDialog.h"

#include "sync/SyncCodes.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QThread>
#include <QVBoxLayout>

namespace yanghu::client {

LoginDialog::LoginDialog(QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("loginDialog"));
    m_reason = new QLabel(this);
    m_reason->setObjectName(QStringLiteral("loginReason"));
    m_reason->setWordWrap(true);
    m_reason->hide();
    m_server = new QLineEdit(this);
    m_server->setObjectName(QStringLiteral("serverEdit"));
    m_server->setPlaceholderText(QStringLiteral("http://192.168.1.10:8080"));
    m_user = new QLineEdit(this);
    m_user->setObjectName(QStringLiteral("usernameEdit"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_serverLabel = new QLabel(this);
    m_serverLabel->setBuddy(m_server);
    m_userLabel = new QLabel(this);
    m_userLabel->setBuddy(m_user);
    m_passwordLabel = new QLabel(this);
    m_passwordLabel->setBuddy(m_password);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("loginMessage"));
    m_message->setWordWrap(true);
    m_message->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_message->hide();
    m_busy = new QProgressBar(this);
    m_busy->setRange(0, 0); // the server does not say how long a password check takes
    m_busy->setTextVisible(false);
    m_busy->hide();
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("signInButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LoginDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &LoginDialog::reject);

    auto* form = new QFormLayout;
    form->addRow(m_serverLabel, m_server);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_reason);
    layout->addLayout(form);
    layout->addWidget(m_message);
    layout->addWidget(m_busy);
    layout->addWidget(m_buttons);
    retranslate();
    setMinimumWidth(420);
}

LoginDialog::~LoginDialog()
{
    if (!m_thread) return;
    m_cancel = true;
    m_thread->wait();
    delete m_thread;
}

void LoginDialog::setServer(const QUrl& server)
{
    m_server->setText(server.toString());
}

void LoginDialog::setUsername(const QString& username)
{
    m_user->setText(username);
    if (!username.isEmpty()) m_password->setFocus();
}

void LoginDialog::setPassword(const QString& password)
{
    m_password->setText(password);
}

void LoginDialog::setReason(const QString& reason)
{
    m_reason->setText(reason);
    m_reason->setVisible(!reason.isEmpty());
}

QUrl LoginDialog::server() const
{
    return m_signingInTo;
}
QString LoginDialog::username() const
{
    return m_user->text().trimmed();
}

std::optional<QUrl> LoginDialog::parseServer(const QString& text, QString* why)
{
    QString t = text.trimmed();
    if (t.isEmpty()) {
        if (why) *why = tr("Enter the server's address, e.g. http://192.168.1.10:8080.");
        return std::nullopt;
    }
    if (!t.contains(QLatin1String("://"))) t.prepend(QLatin1String("http://"));
    QUrl url(t, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    if (!url.isValid() || url.host().isEmpty() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        if (why)
            *why =
                tr("\"%1\" is not a server address (http:// or https://, a host name and a port).").arg(text.trimmed());
        return std::nullopt;
    }
    url.setPath(QString());
    url.setQuery(QString());
    url.setFragment(QString());
    return url;
}

void LoginDialog::showProblem(const QString& text, QWidget* field)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
    if (field) field->setFocus();
}

void LoginDialog::accept()
{
    if (m_thread) return; // already signing in
    QString why;
    auto url = parseServer(m_server->text(), &why);
    if (!url) return showProblem(why, m_server);
    if (username().isEmpty()) return showProblem(tr("Enter your user name."), m_user);
    if (m_password->text().isEmpty()) return showProblem(tr("Enter your password."), m_password);
    showProblem({}, nullptr);
    m_signingInTo = *url;
    m_cancel = false;
    m_result = std::make_shared<Result<LoginAnswer>>(Error::of(std::string(codes::Cancelled)));
    auto result = m_result;
    const QString user = username();
    const QString password = m_password->text();
    const RetryPolicy retry = m_retry;
    const QUrl server = *url;
    m_thread = QThread::create(
        [=, this] { *result = login(server, user, password, QStringLiteral("1"), 30000, retry, &m_cancel); });
    connect(m_thread, &QThread::finished, this, &LoginDialog::onLoginDone, Qt::QueuedConnection);
    setBusy(true);
    m_thread->start();
}

void LoginDialog::reject()
{
    if (m_thread) {
        m_cancel = true; // onLoginDone tells the user it was cancelled
        return;
    }
    QDialog::reject();
}

void LoginDialog::onLoginDone()
{
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    setBusy(false);
    const Result<LoginAnswer>& result = *m_result;
    if (result) {
        m_answer = result.value();
        m_password->clear();
        emit signInFinished(true);
        QDialog::accept();
        return;
    }
    const Error& error = result.error();
    const std::string& code = error.code;
    QWidget* field = m_password;
    QString text;
    if (code == codes::BadCredentials) {
        text = tr("The user name or the password is wrong.");
    } else if (code == "too_many_requests") {
        const auto wait = error.params.find("retry_after");
        const int seconds = wait == error.params.end() ? 60 : QString::fromStdString(wait->second).toInt();
        text = tr("Too many failed attempts. Try again in %n second(s).", nullptr, seconds > 0 ? seconds : 60);
    } else if (code == codes::NetworkFailed) {
        text =
            tr("The server at %1 cannot be reached. Check the address and the network.").arg(m_signingInTo.toString());
        field = m_server;
    } else if (code == codes::ProtocolUnsupported) {
        text = tr("This version of Yanghu cannot talk to that server. Ask for the current version.");
    } else if (code == codes::Cancelled) {
        text = tr("Signing in was cancelled.");
    } else {
        text = tr("The server could not sign you in (%1).").arg(QString::fromStdString(code));
    }
    showProblem(text, field);
    emit signInFinished(false);
}

void LoginDialog::setBusy(bool busy)
{
    m_busy->setVisible(busy);
    m_server->setEnabled(!busy);
    m_user->setEnabled(!busy);
    m_password->setEnabled(!busy);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!busy);
}

void LoginDialog::retranslate()
{
    setWindowTitle(tr("Sign in to Yanghu"));
    m_serverLabel->setText(tr("&Server:"));
    m_userLabel->setText(tr("&User name:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Sign &in"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
}

void LoginDialog::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange) retranslate();
    QDialog::changeEvent(event);
}

} // namespace yanghu::client
