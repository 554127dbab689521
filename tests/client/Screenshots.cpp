// SPDX-License-Identifier: MIT
// yanghu_screenshots: the desktop client's main screens as PNG files, in English and in
// Simplified Chinese, for the README and for review (scripts/screenshots runs it under Xvfb
// against a yanghu-server on the demo city). It signs in through the real login path, waits for
// the first sync, then shows each screen in a 1280x800 window and grabs it:
//   <lang>-login.png  <lang>-tonight.png  <lang>-work-order.png  <lang>-assets.png
//   <lang>-report-defect.png  <lang>-conflicts.png
// The clock is set (--at) so "tonight" is a night the demo city has planned work for.
//   YANGHU_PASSWORD=demo-crew yanghu_screenshots --server http://127.0.0.1:8080
//       --user crew01-1 --at 2026-05-20T15:00:00Z --out docs/screenshots
#include "app/AppController.h"
#include "app/LoginDialog.h"
#include "app/MainWindow.h"
#include "app/Profile.h"
#include "app/Translations.h"
#include "assets/AssetsView.h"
#include "field/DefectReportDialog.h"
#include "field/TonightModel.h"
#include "field/TonightView.h"

#include "yanghu/core/Clock.h"
#include "yanghu/core/Time.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>

using namespace yanghu;
using namespace yanghu::client;

namespace {

bool save(QWidget* w, const QString& dir, const QString& name)
{
    QCoreApplication::processEvents();
    QTest::qWait(150); // layouts settle, the map paints
    const QString path = QDir(dir).filePath(name + QStringLiteral(".png"));
    if (!w->grab().save(path)) {
        std::fprintf(stderr, "screenshots: cannot write %s\n", qPrintable(path));
        return false;
    }
    std::printf("%s\n", qPrintable(path));
    return true;
}

int fail(const char* why)
{
    std::fprintf(stderr, "screenshots: %s\n", why);
    return 1;
}

} // namespace

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("Server address."), QStringLiteral("URL"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("User name."), QStringLiteral("NAME"));
    const QCommandLineOption atOption(QStringLiteral("at"), QStringLiteral("The clock (ISO 8601 instant)."), QStringLiteral("INSTANT"));
    const QCommandLineOption outOption(QStringLiteral("out"), QStringLiteral("Folder for the PNG files."), QStringLiteral("DIR"));
    parser.addOptions({serverOption, userOption, atOption, outOption});
    parser.process(app);
    const QString password = qEnvironmentVariable("YANGHU_PASSWORD");
    if (!parser.isSet(serverOption) || !parser.isSet(userOption) || !parser.isSet(outOption) || password.isEmpty())
        return fail("--server, --user, --out and YANGHU_PASSWORD are needed");
    const auto at = parseInstant(parser.value(atOption).toStdString());
    if (parser.isSet(atOption) && !at) return fail("--at is not an ISO 8601 instant");
    const QString out = parser.value(outOption);
    if (!QDir().mkpath(out)) return fail("cannot make the output folder");

    QTemporaryDir scratch;
    Profile profile(scratch.filePath(QStringLiteral("yanghu.ini")));
    profile.setServer(QUrl(parser.value(serverOption)));
    profile.setLastUsername(parser.value(userOption));
    installTranslations(app, QLocale(QLocale::English));
    ManualClock clock(at ? *at : SystemClock().now());

    // The login form, empty, in both languages.
    for (const auto& [lang, locale] : {std::pair{"en", QLocale(QLocale::English)}, std::pair{"zh_CN", QLocale(QLocale::Chinese, QLocale::China)}}) {
        installTranslations(app, locale);
        LoginDialog login;
        login.show();
        if (!save(&login, out, QString::fromLatin1(lang) + QStringLiteral("-login"))) return 1;
    }
    installTranslations(app, QLocale(QLocale::English));

    AppController controller(profile, clock, scratch.filePath(QStringLiteral("data")));
    controller.setAutomaticSignIn(password);
    controller.start();
    if (!QTest::qWaitFor([&] { return controller.mainWindow() != nullptr; }, 60000)) return fail("sign-in did not finish");
    MainWindow* window = controller.mainWindow();
    if (!QTest::qWaitFor([&] { return profile.lastSync(window->signIn().replicaPath).has_value(); }, 300000))
        return fail("the first sync did not finish");
    window->resize(1280, 800);
    window->show();
    window->refresh();

    for (const auto& [lang, locale] : {std::pair{"en", QLocale(QLocale::English)}, std::pair{"zh_CN", QLocale(QLocale::Chinese, QLocale::China)}}) {
        installTranslations(app, locale);
        const QString prefix = QString::fromLatin1(lang) + QLatin1Char('-');
        window->showTonight();
        if (!save(window, out, prefix + QStringLiteral("tonight"))) return 1;
        TonightModel& tonight = window->tonight()->model();
        if (tonight.rowCount() > 0) {
            window->openOrder(tonight.data(tonight.index(0, 0), TonightModel::IdRole).toString());
            if (!save(window, out, prefix + QStringLiteral("work-order"))) return 1;
        } else {
            std::fprintf(stderr, "screenshots: no orders tonight for this user at this time; no work-order screen\n");
        }
        window->showAssets();
        const QSet<QString> jobs = tonight.assetIds();
        if (!jobs.isEmpty() && !window->assets()->chooseAsset(*jobs.begin()))
            std::fprintf(stderr, "screenshots: tonight's asset %s is not in the replica\n", qPrintable(*jobs.begin()));
        if (!save(window, out, prefix + QStringLiteral("assets"))) return 1;
        {
            DefectReportDialog dialog(window->replica(), window);
            dialog.setAssetCode(window->assets()->chosenCode());
            dialog.show();
            if (!save(&dialog, out, prefix + QStringLiteral("report-defect"))) return 1;
        }
        window->showConflicts();
        if (!save(window, out, prefix + QStringLiteral("conflicts"))) return 1;
    }
    return 0;
}
