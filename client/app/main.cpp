// SPDX-License-Identifier: MIT
// yanghu: the desktop client. A remembered sign-in opens its replica at once (offline when the
// server cannot be reached); otherwise the login form. --server and --user fill the form in
// (scripts/run uses them); the password is never taken from the command line: YANGHU_PASSWORD,
// when set, signs that user in at once (scripts/run's demo crew lead).
#include "app/AppController.h"
#include "app/Profile.h"
#include "app/Translations.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("Yanghu"));
    QApplication::setOrganizationName(QStringLiteral("Yanghu"));
    QApplication::setApplicationDisplayName(QStringLiteral("Yanghu 养护"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Yanghu work orders for field crews"));
    parser.addHelpOption();
    const QCommandLineOption serverOption(QStringLiteral("server"), QStringLiteral("Server address to suggest."),
                                          QStringLiteral("URL"));
    const QCommandLineOption userOption(QStringLiteral("user"), QStringLiteral("User name to suggest."),
                                        QStringLiteral("NAME"));
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("Settings file (default: the user's config folder)."),
                                           QStringLiteral("FILE"));
    const QCommandLineOption dataOption(QStringLiteral("data-dir"),
                                        QStringLiteral("Where replicas live (default: the user's data folder)."),
                                        QStringLiteral("DIR"));
    parser.addOptions({serverOption, userOption, profileOption, dataOption});
    parser.process(app);

    yanghu::client::Profile profile(parser.isSet(profileOption) ? parser.value(profileOption)
                                                                : yanghu::client::Profile::defaultFile());
    if (parser.isSet(serverOption)) profile.setServer(QUrl(parser.value(serverOption)));
    if (parser.isSet(userOption) && !profile.lastSignIn()) profile.setLastUsername(parser.value(userOption));
    yanghu::client::installTranslations(app, yanghu::client::localeFor(profile.language()));

    const yanghu::SystemClock clock;
    yanghu::client::AppController controller(profile, clock, parser.value(dataOption));
    if (const QString password = qEnvironmentVariable("YANGHU_PASSWORD");
        !password.isEmpty() && parser.isSet(userOption))
        controller.setAutomaticSignIn(password);
    QApplication::setQuitOnLastWindowClosed(false); // between sign-out and the login form no window is open
    QObject::connect(&controller, &yanghu::client::AppController::finished, &app, &QApplication::quit);
    controller.start();
    return QApplication::exec();
}
