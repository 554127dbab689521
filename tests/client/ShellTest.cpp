// SPDX-License-Identifier: MIT
// The desktop client's shell and the crew's Tonight list, driven through the real widgets by
// object name (offscreen), against the real yanghu-server over loopback: first sign-in and
// first sync, a wrong password, a restart with the server down (straight into the replica,
// offline), the server coming back (the sync starts by itself), sign-out with unsent edits,
// switching to Chinese.
#include "ClientFixture.h"

#include "app/AppController.h"
#include "app/LoginDialog.h"
#include "app/MainWindow.h"
#include "app/Profile.h"
#include "app/Translations.h"
#include "field/TonightModel.h"
#include "field/TonightView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QFile>
#include <QFontDatabase>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTimer>
#include <QXmlStreamReader>

// Failure messages show QStrings as text.
inline void PrintTo(const QString& text, std::ostream* out)
{
    *out << '"' << text.toStdString() << '"';
}

namespace yanghu::clienttest {
namespace {

using client::AppController;
using client::LoginDialog;
using client::MainWindow;
using client::Profile;

// 23:00 on the test city's shift date (2026-05-21, UTC+8): woA is crew_a's order tonight.
Instant tonight()
{
    return CityTime{}.at(Date{std::chrono::year{2026} / 5 / 21}, 23 * 60);
}

template <class W> W* child(QObject* parent, const char* name)
{
    return parent ? parent->findChild<W*>(QString::fromLatin1(name)) : nullptr;
}

QString labelText(QObject* window, const char* name)
{
    auto* l = child<QLabel>(window, name);
    return l ? l->text() : QStringLiteral("<no %1>").arg(QString::fromLatin1(name));
}

// Collects what QAbstractItemModelTester reports (category qt.modeltest) while it lives.
class ModelTestLog {
public:
    ModelTestLog()
    {
        s_failures.clear();
        m_previous = qInstallMessageHandler([](QtMsgType type, const QMessageLogContext& context, const QString& text) {
            if (context.category && QLatin1String(context.category) == QLatin1String("qt.modeltest") &&
                type >= QtWarningMsg)
                s_failures << text;
        });
    }
    ~ModelTestLog() { qInstallMessageHandler(m_previous); }
    const QStringList& failures() const { return s_failures; }

private:
    static inline QStringList s_failures;
    QtMessageHandler m_previous;
};

class Shell : public ClientSyncTest {
protected:
    void SetUp() override
    {
        ClientSyncTest::SetUp();
        if (IsSkipped()) return;
        client::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English)); // its plurals
        m_profile = std::make_unique<Profile>(m_dir.filePath(QStringLiteral("yanghu.ini")));
    }
    void TearDown() override
    {
        m_controller.reset();
        client::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
        ClientSyncTest::TearDown();
    }

    MainWindow::Options fast() const
    {
        MainWindow::Options o;
        o.probe.offline = std::chrono::milliseconds(200);
        o.probe.online = std::chrono::milliseconds(500);
        o.probe.timeout = std::chrono::milliseconds(2000);
        o.sync.attempts = 2;
        o.sync.backoff = std::chrono::milliseconds(50);
        o.sync.timeoutMs = 5000;
        return o;
    }

    AppController& startClient()
    {
        m_controller = std::make_unique<AppController>(*m_profile, m_clock, m_dir.path(), fast());
        client::RetryPolicy quick;
        quick.attempts = 2;
        quick.backoff = std::chrono::milliseconds(50);
        m_controller->setLoginRetryPolicy(quick);
        m_controller->start();
        return *m_controller;
    }

    // Types into the login form and presses Enter (the form's default button).
    void fillLogin(LoginDialog& dialog, const QString& user, const QString& password)
    {
        auto* server = child<QLineEdit>(&dialog, "serverEdit");
        auto* name = child<QLineEdit>(&dialog, "usernameEdit");
        auto* secret = child<QLineEdit>(&dialog, "passwordEdit");
        ASSERT_TRUE(server && name && secret);
        server->setText(serverUrl().toString());
        name->setText(user);
        secret->clear();
        QTest::keyClicks(secret, password);
        QTest::keyClick(secret, Qt::Key_Return);
    }

    // Signs crew_a in through the form and waits for the first sync to end.
    MainWindow* signInAsCrewA()
    {
        AppController& app = startClient();
        EXPECT_EQ(app.mainWindow(), nullptr) << "nothing remembered: the login form first";
        if (!app.loginDialog()) return nullptr;
        fillLogin(*app.loginDialog(), QStringLiteral("crew_a"), QStringLiteral("pw-crew_a"));
        EXPECT_TRUE(QTest::qWaitFor([&] { return app.mainWindow() != nullptr; }, 20000)) << loginMessage(app);
        MainWindow* window = app.mainWindow();
        if (!window) return nullptr;
        EXPECT_TRUE(
            QTest::qWaitFor([&] { return m_profile->lastSync(window->signIn().replicaPath).has_value(); }, 30000))
            << labelText(window, "syncMessageLabel").toStdString();
        return window;
    }

    std::string loginMessage(AppController& app) const
    {
        return app.loginDialog() ? labelText(app.loginDialog(), "loginMessage").toStdString() : std::string();
    }

    ManualClock m_clock{tonight()};
    std::unique_ptr<Profile> m_profile;
    std::unique_ptr<AppController> m_controller;
};

TEST_P(Shell, FirstSignInSyncsAndShowsTonightsWorkInRouteOrder)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    EXPECT_EQ(labelText(window, "onlineLabel"), QStringLiteral("● Online"));
    EXPECT_EQ(labelText(window, "pendingLabel"), QStringLiteral("0 edits to send"));
    EXPECT_TRUE(labelText(window, "lastSyncLabel").startsWith(QStringLiteral("Last sync ")))
        << labelText(window, "lastSyncLabel").toStdString();

    client::TonightView* view = window->tonight();
    ASSERT_NE(view, nullptr);
    EXPECT_EQ(view->shift(), (ShiftSlot{Date{std::chrono::year{2026} / 5 / 21}, ShiftKind::Night}));
    client::TonightModel& model = view->model();
    ModelTestLog modelLog;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Warning);
    view->refresh(); // a reset under the tester's eyes
    ASSERT_EQ(model.rowCount(), 1) << "crew_a has woA tonight, not crew_b's woB";
    EXPECT_EQ(model.index(0, client::TonightModel::Asset).data().toString(), QStringLiteral("YS-A1"));
    EXPECT_EQ(model.index(0, client::TonightModel::Street).data().toString(), QString::fromStdString(streetA.name));
    EXPECT_EQ(model.index(0, client::TonightModel::Status).data().toString(), QStringLiteral("Scheduled"));
    EXPECT_EQ(model.index(0, 0).data(client::TonightModel::IdRole).toString(),
              QString::fromStdString(woA.id.toString()));
    EXPECT_TRUE(modelLog.failures().isEmpty()) << modelLog.failures().join(QLatin1Char('\n')).toStdString();

    // F5 syncs again, from the keyboard.
    QSignalSpy synced(&window->syncEngine(), &client::SyncEngine::finished);
    window->activateWindow();
    QTest::keyClick(window, Qt::Key_F5);
    ASSERT_TRUE(synced.wait(20000)) << "F5 started no sync";
    EXPECT_TRUE(synced.front().front().toBool()) << synced.front().back().toString().toStdString();
    EXPECT_TRUE(window->findChild<QAction*>(QStringLiteral("actionSyncNow"))->toolTip().contains(QStringLiteral("F5")));

    // What the next start needs is remembered, readable by its owner only.
    auto remembered = m_profile->lastSignIn();
    ASSERT_TRUE(remembered.has_value());
    EXPECT_EQ(remembered->username, QStringLiteral("crew_a"));
    EXPECT_FALSE(remembered->token.isEmpty());
    EXPECT_EQ(QFile::permissions(m_profile->file()) & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions());
}

TEST_P(Shell, AWrongPasswordIsSaidBesideTheFormAndOpensNothing)
{
    AppController& app = startClient();
    ASSERT_NE(app.loginDialog(), nullptr);
    LoginDialog& dialog = *app.loginDialog();
    fillLogin(dialog, QStringLiteral("crew_a"), QStringLiteral("not-the-password"));
    auto* message = child<QLabel>(&dialog, "loginMessage");
    ASSERT_NE(message, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return !message->isHidden(); }, 20000));
    EXPECT_EQ(message->text(), QStringLiteral("The user name or the password is wrong."));
    EXPECT_EQ(app.mainWindow(), nullptr);
    EXPECT_FALSE(m_profile->lastSignIn().has_value()) << "nothing remembered from a refused sign-in";

    // A server address that is none is refused before anything is sent.
    child<QLineEdit>(&dialog, "serverEdit")->setText(QStringLiteral("ftp://nowhere"));
    QTest::mouseClick(child<QPushButton>(&dialog, "signInButton"), Qt::LeftButton);
    EXPECT_TRUE(message->text().contains(QStringLiteral("is not a server address"))) << message->text().toStdString();
}

TEST_P(Shell, WithTheServerDownTheNextStartOpensTheReplicaAndSyncsWhenItReturns)
{
    ASSERT_NE(signInAsCrewA(), nullptr);
    const std::uint16_t port = m_server->port();
    m_controller.reset(); // quit
    m_server.reset();     // the network is gone

    AppController& app = startClient();
    EXPECT_EQ(app.loginDialog(), nullptr) << "a remembered sign-in opens straight into the replica";
    MainWindow* window = app.mainWindow();
    ASSERT_NE(window, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return labelText(window, "onlineLabel") == QStringLiteral("○ Offline"); }, 10000))
        << labelText(window, "onlineLabel").toStdString();
    ASSERT_EQ(window->tonight()->model().rowCount(), 1) << "tonight's work is there offline";

    // An edit made offline (the work-order screen's call) waits in the outbox.
    const QString note = QStringLiteral("井盖已更换，凌晨3点 雨中完成");
    ASSERT_TRUE(window->replica()
                    .appendLine("work_order", woA.id.toString(), "notes", Json{{"text", note.toStdString()}})
                    .ok());
    window->refresh();
    EXPECT_EQ(labelText(window, "pendingLabel"), QStringLiteral("1 edit to send"));

    // The server comes back where the laptop knew it: the sync starts without a click.
    restartServer({}, {"--listen", "127.0.0.1:" + std::to_string(port)});
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return labelText(window, "pendingLabel") == QStringLiteral("0 edits to send"); }, 30000))
        << labelText(window, "pendingLabel").toStdString() << " / "
        << labelText(window, "syncMessageLabel").toStdString();
    EXPECT_EQ(labelText(window, "onlineLabel"), QStringLiteral("● Online"));
    const Json order = serverOrder(woA.id);
    ASSERT_TRUE(order.contains("notes"));
    int found = 0;
    for (const auto& n : order["notes"])
        if (n.value("text", "") == note.toStdString()) ++found;
    EXPECT_EQ(found, 1) << order["notes"].dump();
}

TEST_P(Shell, SigningOutWithUnsentEditsAsksFirst)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    m_server.reset(); // offline: the edit cannot leave
    ASSERT_TRUE(window->replica().appendLine("work_order", woA.id.toString(), "notes", Json{{"text", "待上传"}}).ok());

    bool asked = false;
    QTimer::singleShot(0, [&] {
        if (!QTest::qWaitFor([] { return QApplication::activeModalWidget() != nullptr; }, 5000)) return;
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("signOutPendingBox")) return;
        asked = box->text().contains(QStringLiteral("1 edit made on this laptop"));
        for (QAbstractButton* b : box->buttons())
            if (box->buttonRole(b) == QMessageBox::RejectRole) b->click(); // keep me signed in
    });
    window->signOut();
    EXPECT_TRUE(asked);
    EXPECT_TRUE(m_profile->lastSignIn().has_value()) << "still signed in";
    EXPECT_EQ(m_controller->mainWindow(), window);
}

TEST_P(Shell, SwitchingToChineseRetranslatesTheOpenWindow)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    ASSERT_EQ(client::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::Chinese, QLocale::China)),
              QStringLiteral("zh_CN"));
    QCoreApplication::processEvents(); // LanguageChange is posted
    EXPECT_EQ(labelText(window, "onlineLabel"), QStringLiteral("● 在线"));
    EXPECT_EQ(labelText(window, "pendingLabel"), QStringLiteral("0 项修改待上传"));
    EXPECT_EQ(window->tonight()->model().headerData(client::TonightModel::Street, Qt::Horizontal).toString(),
              QStringLiteral("街道"));
    EXPECT_EQ(window->tonight()->model().index(0, client::TonightModel::Status).data().toString(),
              QStringLiteral("已排班"));
    client::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    QCoreApplication::processEvents();
    EXPECT_EQ(labelText(window, "onlineLabel"), QStringLiteral("● Online"));
}

// The UI does not depend on the server's database: SQLite is enough.
INSTANTIATE_TEST_SUITE_P(Backends, Shell, ::testing::Values(store::test::Backend::SQLite), store::test::backendName);

TEST(ShellParts, ServerAddressesAsTyped)
{
    EXPECT_EQ(LoginDialog::parseServer(QStringLiteral("192.168.1.5:8080")),
              QUrl(QStringLiteral("http://192.168.1.5:8080")));
    EXPECT_EQ(LoginDialog::parseServer(QStringLiteral(" https://yh.example.cn/ ")),
              QUrl(QStringLiteral("https://yh.example.cn")));
    QString why;
    EXPECT_FALSE(LoginDialog::parseServer(QString(), &why));
    EXPECT_FALSE(why.isEmpty());
    EXPECT_FALSE(LoginDialog::parseServer(QStringLiteral("ftp://x"), &why));
    EXPECT_FALSE(LoginDialog::parseServer(QStringLiteral("http://"), &why));
}

TEST(ShellParts, AProfileRemembersAChineseUserAndForgetsOnlyTheToken)
{
    QTemporaryDir dir;
    Profile profile(dir.filePath(QStringLiteral("p/yanghu.ini")));
    EXPECT_FALSE(profile.lastSignIn().has_value());
    const QUrl server(QStringLiteral("http://127.0.0.1:8080"));
    const QString path = Profile::replicaPathFor(server, QStringLiteral("张三"), dir.path());
    EXPECT_TRUE(path.startsWith(dir.path() + QStringLiteral("/replicas/")));
    EXPECT_NE(path, Profile::replicaPathFor(server, QStringLiteral("李四"), dir.path()));
    profile.remember({server, QStringLiteral("张三"), QStringLiteral("tok"),
                      Json{{"role", "field_crew"}, {"display_name", "张三"}}, path});
    auto back = profile.lastSignIn();
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->username, QStringLiteral("张三"));
    EXPECT_EQ(back->user["display_name"], "张三");
    EXPECT_EQ(back->replicaPath, path);
    profile.forgetToken();
    EXPECT_FALSE(profile.lastSignIn().has_value());
    EXPECT_EQ(profile.lastUsername(), QStringLiteral("张三")) << "the form suggests the last user";
    const QDateTime at = QDateTime::fromString(QStringLiteral("2026-05-21T15:00:00.000Z"), Qt::ISODateWithMs);
    profile.setLastSync(path, at);
    EXPECT_EQ(profile.lastSync(path), at);
}

// Every string of every .ts file is translated, and keeps each of its source's arguments
// (%1..%9, %n) in every form: a dropped %1 would show a number nowhere, or a path as nothing.
TEST(ShellParts, EveryTranslationIsFinishedAndKeepsItsArguments)
{
    const QRegularExpression argument(QStringLiteral("%(n|[1-9])"));
    auto arguments = [&](const QString& text) {
        QStringList found;
        for (auto it = argument.globalMatch(text); it.hasNext();) found << it.next().captured(0);
        found.sort();
        found.removeDuplicates();
        return found;
    };
    for (const char* name : {"yanghu_zh_CN.ts", "yanghu_en.ts"}) {
        QFile file(QStringLiteral(YANGHU_SOURCE_DIR "/client/translations/") + QString::fromLatin1(name));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << name;
        QXmlStreamReader xml(&file);
        QString source;
        int messages = 0;
        bool unfinished = false;
        QStringList forms; // of the translation being read: its text, or its plural forms
        bool inTranslation = false;
        while (xml.readNext() != QXmlStreamReader::EndDocument && !xml.hasError()) {
            if (xml.isStartElement() && xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                ++messages;
            } else if (xml.isStartElement() && xml.name() == QLatin1String("translation")) {
                inTranslation = true;
                forms.clear();
                unfinished = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            } else if (inTranslation && xml.isStartElement() && xml.name() == QLatin1String("numerusform")) {
                forms << xml.readElementText();
            } else if (inTranslation && xml.isCharacters() && !xml.isWhitespace()) {
                forms << xml.text().toString();
            } else if (xml.isEndElement() && xml.name() == QLatin1String("translation")) {
                inTranslation = false;
                EXPECT_FALSE(unfinished || forms.isEmpty())
                    << name << ": no translation for \"" << source.toStdString() << '"';
                for (const QString& form : forms)
                    EXPECT_EQ(arguments(form), arguments(source))
                        << name << ": \"" << source.toStdString() << "\" -> \"" << form.toStdString() << '"';
            }
        }
        EXPECT_FALSE(xml.hasError()) << name << ": " << xml.errorString().toStdString();
        EXPECT_GT(messages, 0) << name;
    }
}

// Chinese text has a font to be drawn with (fonts-noto-cjk, installed by scripts/setup).
TEST(ShellParts, AChineseFontIsThere)
{
    EXPECT_FALSE(QFontDatabase::families(QFontDatabase::SimplifiedChinese).isEmpty());
}

} // namespace
} // namespace yanghu::clienttest
