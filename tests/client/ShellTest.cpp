// SPDX-License-Identifier: MIT
// The desktop client's shell and the crew's Tonight list, driven through the real widgets by
// object name (offscreen), against the real yanghu-server over loopback: first sign-in and
// first sync, a wrong password, a restart with the server down (straight into the replica,
// offline), the server coming back (the sync starts by itself), sign-out with unsent edits,
// switching to Chinese.
#include "ClientFixture.h"
#include "ModelTestLog.h"

#include "app/AppController.h"
#include "app/LoginDialog.h"
#include "app/MainWindow.h"
#include "app/Profile.h"
#include "app/Translations.h"
#include "assets/AssetMap.h"
#include "assets/AssetTableModel.h"
#include "assets/AssetsView.h"
#include "field/ConflictsView.h"
#include "field/DefectReportDialog.h"
#include "field/TonightModel.h"
#include "field/TonightView.h"
#include "field/WorkOrderView.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFontDatabase>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
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

// Every problem a form shows, for failure messages.
std::string problemsShown(QWidget* form)
{
    std::string out;
    for (QLabel* l : form->findChildren<QLabel*>())
        if (l->objectName().endsWith(QLatin1String("Problem")) || l->objectName().endsWith(QLatin1String("Problems")))
            if (l->isVisibleTo(form)) out += l->objectName().toStdString() + ": " + l->text().toStdString() + "\n";
    return out;
}

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
    EXPECT_EQ(labelText(window, "syncMessageLabel"), QStringLiteral("同步完成。")) << "the last sync's line too";
    EXPECT_EQ(window->assets()->model().headerData(client::AssetTableModel::Code, Qt::Horizontal).toString(),
              QStringLiteral("编号"));
    EXPECT_EQ(window->findChild<QLineEdit*>(QStringLiteral("assetSearch"))->placeholderText(),
              QStringLiteral("编号或街道（Ctrl+F）"));
    client::installTranslations(*QCoreApplication::instance(), QLocale(QLocale::English));
    QCoreApplication::processEvents();
    EXPECT_EQ(labelText(window, "onlineLabel"), QStringLiteral("● Online"));
}

// The crew lead's night: the order opened from Tonight with Enter, started and completed
// offline with a quantity, a material, a worker, a note and a photo; the client quit and
// started again with the server still down (all of it still there, still waiting); the server
// back: the sync sends it, and the server has every line and the photo, once.
TEST_P(Shell, AnOrderCompletedOfflineSurvivesARestartAndReachesTheServerOnce)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    const std::uint16_t port = m_server->port();
    m_server.reset();
    ASSERT_TRUE(QTest::qWaitFor([&] { return !window->probe().isOnline(); }, 10000));

    QTableView& table = window->tonight()->table();
    table.setFocus();
    table.setCurrentIndex(table.model()->index(0, 0));
    QTest::keyClick(&table, Qt::Key_Return);
    client::WorkOrderView* order = window->workOrder();
    ASSERT_NE(order, nullptr);
    ASSERT_EQ(order->orderId(), woA.id.toString()) << "Enter opens the order";
    EXPECT_TRUE(labelText(order, "assetCard").contains(QStringLiteral("YS-A1")));
    auto* startButton = child<QPushButton>(order, "startButton");
    ASSERT_TRUE(startButton && startButton->isVisibleTo(order));
    QTest::mouseClick(startButton, Qt::LeftButton);
    EXPECT_EQ(window->replica().row("work_order", woA.id.toString())->value()["status"], "in_progress");

    // The form, as the crew fills it in.
    auto* quantities = child<QTableWidget>(order, "quantitiesTable");
    ASSERT_EQ(quantities->rowCount(), 1);
    qobject_cast<QDoubleSpinBox*>(quantities->cellWidget(0, 1))->setValue(3);
    QTest::mouseClick(child<QPushButton>(order, "addMaterialButton"), Qt::LeftButton);
    auto* materials = child<QTableWidget>(order, "materialsTable");
    materials->item(0, 0)->setText(QStringLiteral("雨水箅子 球墨铸铁"));
    qobject_cast<QDoubleSpinBox*>(materials->cellWidget(0, 1))->setValue(2);
    materials->item(0, 2)->setText(QStringLiteral("pcs"));
    QTest::mouseClick(child<QPushButton>(order, "addLabourButton"), Qt::LeftButton);
    auto* labour = child<QTableWidget>(order, "labourTable");
    labour->item(0, 0)->setText(QStringLiteral("李四"));
    qobject_cast<QDoubleSpinBox*>(labour->cellWidget(0, 1))->setValue(6.5);
    child<QPlainTextEdit>(order, "noteEdit")->setPlainText(QStringLiteral("淤泥约0.3m³，已清运"));
    QImage picture(64, 48, QImage::Format_RGB32);
    picture.fill(QColor(40, 90, 160));
    const QString photoFile = m_dir.filePath(QStringLiteral("清掏后.png"));
    ASSERT_TRUE(picture.save(photoFile));
    order->addPhotoFiles({photoFile});
    ASSERT_EQ(child<QListWidget>(order, "photoList")->count(), 1);
    auto* end = child<QDateTimeEdit>(order, "actualEndEdit");
    end->setDateTime(child<QDateTimeEdit>(order, "actualStartEdit")->dateTime().addSecs(45 * 60));
    QTest::keyClick(order, Qt::Key_Return, Qt::ControlModifier); // Ctrl+Enter completes
    ASSERT_FALSE(child<QLabel>(order, "completionProblems")->isVisibleTo(order)) << problemsShown(order);
    auto stored = window->replica().row("work_order", woA.id.toString())->value();
    EXPECT_EQ(stored["status"], "completed");
    const qint64 pending = window->replica().pendingCount().value();
    EXPECT_GT(pending, 0);

    // Quit and start again, still offline: everything is there and still waiting.
    m_controller.reset();
    AppController& app = startClient();
    window = app.mainWindow();
    ASSERT_NE(window, nullptr);
    EXPECT_EQ(window->replica().row("work_order", woA.id.toString())->value(), stored);
    EXPECT_EQ(window->replica().pendingCount().value(), pending);

    restartServer({}, {"--listen", "127.0.0.1:" + std::to_string(port)});
    ASSERT_TRUE(QTest::qWaitFor([&] { return window->replica().pendingCount().value() == 0; }, 30000))
        << labelText(window, "syncMessageLabel").toStdString();
    const Json server = serverOrder(woA.id);
    EXPECT_EQ(server["status"], "completed");
    ASSERT_EQ(server["quantities"].size(), 1u) << server.dump();
    EXPECT_EQ(server["quantities"][0]["measure"], "inlets_cleaned");
    EXPECT_EQ(server["quantities"][0]["quantity"], 3.0);
    ASSERT_EQ(server["materials"].size(), 1u);
    EXPECT_EQ(server["materials"][0]["material"], "雨水箅子 球墨铸铁");
    ASSERT_EQ(server["labour"].size(), 1u);
    EXPECT_EQ(server["labour"][0]["hours"], 6.5);
    int notes = 0;
    for (const auto& n : server["notes"]) notes += n.value("text", "") == "淤泥约0.3m³，已清运";
    EXPECT_EQ(notes, 1);
    ASSERT_EQ(server["photos"].size(), 1u) << "the server refuses a row naming a photo it does not have";
}

// Break out before pour: the order says which one it follows and whether that is finished,
// also when the laptop does not hold it (another crew's work).
TEST_P(Shell, AnOrderThatFollowsAnotherSaysSoAboveTheInstructions)
{
    const std::string orders = "/api/v1/work-orders/";
    const std::string orderA = orders + woA.id.toString();
    ASSERT_EQ(client().patch(orderA, {{"follows_id", woB.id.toString()}}, token("dispatcher"), "\"1\"").status, 200);
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    window->openOrder(QString::fromStdString(woA.id.toString()));
    ASSERT_NE(window->workOrder(), nullptr);
    EXPECT_TRUE(labelText(window->workOrder(), "orderInstructions")
                    .startsWith(QStringLiteral("Follows a work order that is not on this laptop")))
        << labelText(window->workOrder(), "orderInstructions").toStdString();

    // The dispatcher gives crew A the other order too: now the laptop knows it is not done.
    const Json toCrewA = {{"assignment", {{"crew_id", crewA.id.toString()}, {"shift_date", "2026-05-21"}}}};
    auto moved = client().patch(orders + woB.id.toString(), toCrewA, token("dispatcher"), "\"1\"");
    ASSERT_EQ(moved.status, 200) << moved.body;
    QSignalSpy synced(&window->syncEngine(), &client::SyncEngine::finished);
    window->activateWindow();
    QTest::keyClick(window, Qt::Key_F5);
    ASSERT_TRUE(synced.wait(20000));
    window->openOrder(QString::fromStdString(woA.id.toString()));
    EXPECT_TRUE(labelText(window->workOrder(), "orderInstructions")
                    .startsWith(QStringLiteral("Do not start before WO-2026-000002 清掏雨水口 YS-B1 is finished (it is Scheduled).")))
        << labelText(window->workOrder(), "orderInstructions").toStdString();
}

TEST_P(Shell, InvalidCompletionIsShownBesideItsFieldAndSavesNothing)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    window->openOrder(QString::fromStdString(woA.id.toString()));
    client::WorkOrderView* order = window->workOrder();
    ASSERT_EQ(order->orderId(), woA.id.toString());
    const Json before = window->replica().row("work_order", woA.id.toString())->value();
    const qint64 pendingBefore = window->replica().pendingCount().value();

    // No quantity (0), the end before the start, and a photo that is no picture.
    auto* start = child<QDateTimeEdit>(order, "actualStartEdit");
    child<QDateTimeEdit>(order, "actualEndEdit")->setDateTime(start->dateTime().addSecs(-3600));
    const QString notAPhoto = m_dir.filePath(QStringLiteral("notes.txt"));
    QFile file(notAPhoto);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("not an image");
    file.close();
    order->addPhotoFiles({notAPhoto});
    EXPECT_FALSE(order->complete());

    EXPECT_TRUE(child<QLabel>(order, "completionProblems")->isVisibleTo(order));
    EXPECT_EQ(labelText(order, "completionProblems"),
              QStringLiteral("Nothing was saved: correct the parts marked below."));
    EXPECT_TRUE(child<QLabel>(order, "photosProblem")->isVisibleTo(order));
    EXPECT_EQ(window->replica().row("work_order", woA.id.toString())->value(), before) << "nothing saved";
    EXPECT_EQ(window->replica().pendingCount().value(), pendingBefore);

    // The photo taken out: now the times and the quantity are what is wrong, each beside its part.
    child<QListWidget>(order, "photoList")->clear();
    EXPECT_FALSE(order->complete());
    EXPECT_EQ(labelText(order, "actual_endProblem"), QStringLiteral("The end is before the start."));
    EXPECT_EQ(labelText(order, "quantitiesProblem"), QStringLiteral("Line 1: Must be more than 0."));
    EXPECT_EQ(window->replica().row("work_order", woA.id.toString())->value(), before);
    EXPECT_EQ(window->replica().pendingCount().value(), pendingBefore);
}

// A defect reported on the spot: the asset typed by its code, the categories of its kind,
// severity 4 confirmed (a "no" saves nothing), a Chinese note and a photo; the sync brings it
// to the server with the asset's location and the photo.
TEST_P(Shell, ADefectReportedOnTheSpotReachesTheServerWithItsPhoto)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    const qint64 reportsBefore = window->replica().count("defect_report").value();
    client::DefectReportDialog dialog(window->replica(), window);
    auto* code = child<QLineEdit>(&dialog, "defectAssetEdit");
    QTest::keyClicks(code, QStringLiteral("MH-A9"));
    QTest::mouseClick(child<QDialogButtonBox>(&dialog, "")->button(QDialogButtonBox::Save), Qt::LeftButton);
    EXPECT_TRUE(child<QLabel>(&dialog, "asset_idProblem")->isVisibleTo(&dialog)) << "an unknown code is said";
    EXPECT_EQ(window->replica().count("defect_report").value(), reportsBefore);

    code->setText(QStringLiteral("YS-A1")); // the inlet of tonight's order
    auto* category = child<QComboBox>(&dialog, "defectCategory");
    QStringList offered;
    for (int i = 0; i < category->count(); ++i) offered << category->itemData(i).toString();
    EXPECT_EQ(offered, (QStringList{"clogged_inlet", "damaged_grate", "other"})) << "a storm inlet's categories";
    category->setCurrentIndex(category->findData(QStringLiteral("damaged_grate")));
    auto* severity = child<QComboBox>(&dialog, "defectSeverity");
    severity->setCurrentIndex(severity->findData(4));
    child<QPlainTextEdit>(&dialog, "defectNote")->setPlainText(QStringLiteral("雨水箅子断裂，车辆经过有异响"));
    QImage picture(40, 30, QImage::Format_RGB32);
    picture.fill(QColor(200, 60, 30));
    const QString photoFile = m_dir.filePath(QStringLiteral("箅子.png"));
    ASSERT_TRUE(picture.save(photoFile));
    dialog.addPhotoFiles({photoFile});

    // The hazard question: "No" first (nothing saved), then "Yes".
    auto answer = [](QMessageBox::StandardButton button, bool* asked) {
        QTimer::singleShot(0, [button, asked] {
            if (!QTest::qWaitFor(
                    [] { return qobject_cast<QMessageBox*>(QApplication::activeModalWidget()) != nullptr; }, 5000))
                return;
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            *asked = box->text().contains(QStringLiteral("immediate hazard"));
            box->button(button)->click();
        });
    };
    bool asked = false;
    answer(QMessageBox::No, &asked);
    dialog.accept();
    EXPECT_TRUE(asked);
    EXPECT_EQ(dialog.result(), QDialog::Rejected) << "still open";
    EXPECT_EQ(window->replica().count("defect_report").value(), reportsBefore);
    asked = false;
    answer(QMessageBox::Yes, &asked);
    dialog.accept();
    EXPECT_TRUE(asked);
    ASSERT_EQ(dialog.result(), QDialog::Accepted) << problemsShown(&dialog);
    ASSERT_FALSE(dialog.reportId().empty());
    EXPECT_EQ(window->replica().count("defect_report").value(), reportsBefore + 1);

    window->syncNow();
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return window->replica().pendingCount().value() == 0 && !window->syncEngine().isRunning(); }, 30000))
        << labelText(window, "syncMessageLabel").toStdString();
    const Json report = serverGet("/api/v1/defect-reports/" + dialog.reportId());
    EXPECT_EQ(report["category"], "damaged_grate");
    EXPECT_EQ(report["severity"], 4);
    EXPECT_EQ(report["description"], "雨水箅子断裂，车辆经过有异响");
    EXPECT_EQ(report["asset_id"], inletA1.id.toString());
    EXPECT_EQ(report["location"], serverGet("/api/v1/assets/" + inletA1.id.toString())["geometry"][0]);
    EXPECT_EQ(report["photos"].size(), 1u);
}

// Online, a token older than an hour is exchanged after the next sync: the new one is
// remembered, the old one no longer opens anything, and syncing goes on with the new one.
TEST_P(Shell, AnHourOldTokenIsExchangedAfterASyncAndTheOldOneEnds)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    const QString first = window->signIn().token;
    auto syncAndSettle = [&] {
        window->syncNow();
        return QTest::qWaitFor([&] { return !window->syncEngine().isRunning() && !window->isRefreshingToken(); },
                               30000);
    };
    ASSERT_TRUE(syncAndSettle());
    EXPECT_EQ(window->signIn().token, first) << "a token issued minutes ago is kept";

    m_clock.advance(std::chrono::minutes(61));
    ASSERT_TRUE(syncAndSettle());
    const QString second = window->signIn().token;
    EXPECT_NE(second, first);
    ASSERT_TRUE(m_profile->lastSignIn().has_value());
    EXPECT_EQ(m_profile->lastSignIn()->token, second) << "the next start uses the new token";
    EXPECT_EQ(client().get("/api/v1/auth/me", first.toStdString()).status, 401);
    EXPECT_EQ(client().get("/api/v1/auth/me", second.toStdString()).status, 200);
    ASSERT_TRUE(syncAndSettle());
    EXPECT_EQ(labelText(window, "syncMessageLabel"), QStringLiteral("Synced.")) << "the sync uses the new token";
}

// Ctrl+2: the crew's assets as a list and a map. Typing the code and Enter chooses tonight's
// inlet: the card shows its street, condition and the order tonight among its last works,
// the map is centred on it (ringed as tonight's job), and Ctrl+D reports a defect on it.
TEST_P(Shell, TheAssetsScreenFindsTonightsInletOnTheListAndTheMap)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    window->show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(window));
    QTest::keyClick(window, Qt::Key_2, Qt::ControlModifier);
    client::AssetsView* assets = window->assets();
    ASSERT_NE(assets, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return assets->isVisible(); }, 2000)) << "Ctrl+2 shows the assets";
    const int listed = assets->model().rowCount();
    EXPECT_GE(listed, 1);
    EXPECT_EQ(assets->map().assetCount(), static_cast<std::size_t>(listed)) << "every listed asset has a place";

    auto* search = child<QLineEdit>(assets, "assetSearch");
    ASSERT_NE(search, nullptr);
    QTest::keyClick(window, Qt::Key_F, Qt::ControlModifier);
    EXPECT_TRUE(search->hasFocus()) << "Ctrl+F goes to the search";
    QTest::keyClicks(search, QStringLiteral("ys-a1"));
    QTest::keyClick(search, Qt::Key_Return);
    EXPECT_EQ(assets->model().rowCount(), 1);
    EXPECT_EQ(assets->chosenAsset(), QString::fromStdString(inletA1.id.toString()));
    const QString card = labelText(assets, "assetCardText");
    EXPECT_TRUE(card.contains(QStringLiteral("YS-A1"))) << card.toStdString();
    EXPECT_TRUE(card.contains(QStringLiteral("太行东街"))) << card.toStdString();
    EXPECT_TRUE(card.contains(QStringLiteral("WO-2026-000001")))
        << "tonight's order is among its works: " << card.toStdString();
    EXPECT_EQ(assets->map().assetAt(assets->map().viewport()->rect().center()), assets->chosenAsset());

    // A part of the street's name finds the street's assets; a code of another crew's street nothing.
    search->setText(QStringLiteral("太行"));
    QTest::keyClick(search, Qt::Key_Return);
    EXPECT_GE(assets->model().rowCount(), 2);
    search->setText(QStringLiteral("nothing-like-this"));
    QTest::keyClick(search, Qt::Key_Return);
    EXPECT_EQ(assets->model().rowCount(), 0);
    EXPECT_EQ(labelText(assets, "assetCountLabel"), QStringLiteral("0 assets"));

    // Ctrl+D starts the defect form on the chosen asset.
    QString offered;
    QTimer::singleShot(0, [&] {
        if (!QTest::qWaitFor(
                [] { return qobject_cast<client::DefectReportDialog*>(QApplication::activeModalWidget()) != nullptr; },
                5000))
            return;
        auto* dialog = qobject_cast<client::DefectReportDialog*>(QApplication::activeModalWidget());
        offered = child<QLineEdit>(dialog, "defectAssetEdit")->text();
        dialog->reject();
    });
    QTest::keyClick(window, Qt::Key_D, Qt::ControlModifier);
    EXPECT_EQ(offered, QStringLiteral("YS-A1"));
    window->activateWindow();
    ASSERT_TRUE(QTest::qWaitForWindowActive(window));
    QTest::keyClick(window, Qt::Key_1, Qt::ControlModifier);
    EXPECT_TRUE(window->tonight()->isVisible()) << "Ctrl+1 goes back to tonight's list";
}

// The office deletes tonight's order while the crew completes it offline: after the sync the
// status bar counts a conflict, Ctrl+K shows it in plain words, and "mark all as read" clears
// the count (the record stays on the server).
TEST_P(Shell, AConflictIsExplainedInPlainWordsAndCanBeMarkedRead)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    const std::string id = woA.id.toString();
    ASSERT_TRUE(window->replica()
                    .appendLine("work_order", id, "quantities",
                                {{"measure", "inlets_cleaned"}, {"quantity", 1}, {"unit", "pcs"}})
                    .ok());
    ASSERT_TRUE(window->replica()
                    .editRow("work_order", id,
                             {{"actual_start", "2026-05-21T14:05:00Z"},
                              {"actual_end", "2026-05-21T14:40:00Z"},
                              {"status", "completed"}})
                    .ok());
    ASSERT_EQ(client().del("/api/v1/work-orders/" + id, token("dispatcher"), "\"1\"").status, 204);
    QSignalSpy synced(&window->syncEngine(), &client::SyncEngine::finished);
    window->syncNow();
    ASSERT_TRUE(synced.wait(30000));
    window->refresh();
    auto* count = child<QLabel>(window, "conflictsLabel");
    ASSERT_TRUE(count->isVisibleTo(window));
    const qint64 recorded = window->replica().conflictCount().value();
    ASSERT_GE(recorded, 1); // one per operation that touched the deleted order
    EXPECT_TRUE(count->text().contains(QStringLiteral("%1 conflict").arg(recorded))) << count->text().toStdString();

    QTest::keyClick(window, Qt::Key_K, Qt::ControlModifier);
    client::ConflictsView* view = window->conflicts();
    ASSERT_NE(view, nullptr);
    QTableWidget& table = view->table();
    ASSERT_EQ(table.rowCount(), recorded);
    for (int r = 0; r < table.rowCount(); ++r) {
        EXPECT_EQ(table.item(r, 0)->text(), QStringLiteral("Order WO-2026-000001"));
        EXPECT_TRUE(
            table.item(r, 2)->text().startsWith(QStringLiteral("The office deleted this while you worked on it.")))
            << table.item(r, 2)->text().toStdString();
    }
    QTest::mouseClick(child<QPushButton>(view, "markConflictsReadButton"), Qt::LeftButton);
    EXPECT_EQ(window->replica().conflictCount().value(), 0);
    EXPECT_FALSE(count->isVisibleTo(window));
    EXPECT_EQ(table.rowCount(), recorded) << "still listed, no longer counted";
}

// The session ends on the server (signed out elsewhere, expired): the next sync asks for the
// password over the open window; another user is refused there (the replica is crew_a's), and
// crew_a's password brings a new token and the sync that needed it.
TEST_P(Shell, AnEndedSessionAsksForThePasswordAgainAndOnlyTheReplicasUserMayGiveIt)
{
    MainWindow* window = signInAsCrewA();
    ASSERT_NE(window, nullptr);
    const QString oldToken = window->signIn().token;
    ASSERT_EQ(client().post("/api/v1/auth/logout", Json::object(), oldToken.toStdString()).status, 204);
    window->syncNow();
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return m_controller->loginDialog() && m_controller->loginDialog()->isVisible(); }, 20000))
        << labelText(window, "syncMessageLabel").toStdString();
    EXPECT_TRUE(labelText(m_controller->loginDialog(), "loginReason")
                    .startsWith(QStringLiteral("Your session on the server has ended.")));

    fillLogin(*m_controller->loginDialog(), QStringLiteral("crew_b"), QStringLiteral("pw-crew_b"));
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return m_controller->loginDialog() && m_controller->loginDialog()->isVisible() &&
                   labelText(m_controller->loginDialog(), "loginReason").contains(QStringLiteral("belongs to crew_a"));
        },
        20000));
    EXPECT_EQ(window->signIn().token, oldToken) << "crew_b's token never reaches crew_a's replica";

    QSignalSpy synced(&window->syncEngine(), &client::SyncEngine::finished);
    fillLogin(*m_controller->loginDialog(), QStringLiteral("crew_a"), QStringLiteral("pw-crew_a"));
    ASSERT_TRUE(synced.wait(20000));
    EXPECT_TRUE(synced.back().front().toBool()) << synced.back().back().toString().toStdString();
    EXPECT_NE(window->signIn().token, oldToken);
    EXPECT_EQ(m_profile->lastSignIn()->token, window->signIn().token) << "the new token is remembered";
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
