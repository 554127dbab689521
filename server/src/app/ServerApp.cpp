// SPDX-License-Identifier: MIT
#include "app/ServerApp.h"

#include "Version.h"
#include "app/BatchingChannel.h"
#include "app/ServerRuntime.h"

#include <Poco/AutoPtr.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/PatternFormatter.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/IntValidator.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace yanghu::server {

namespace {

using Poco::Util::Option;

struct HostPort {
    std::string host;
    std::uint16_t port = 0;
};

HostPort parseListen(const std::string& text)
{
    const auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) throw std::invalid_argument("listen: expected HOST:PORT, got '" + text + "'");
    std::string host = text.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    const std::string portText = text.substr(colon + 1);
    int port = -1;
    try {
        std::size_t used = 0;
        port = std::stoi(portText, &used);
        if (used != portText.size()) port = -1;
    } catch (const std::exception&) {
        port = -1;
    }
    if (port < 0 || port > 65535) throw std::invalid_argument("listen: port must be 0..65535, got '" + portText + "'");
    return {host, static_cast<std::uint16_t>(port)};
}

} // namespace

void ServerApp::initialize(Poco::Util::Application& self)
{
    if (!m_configFile.empty()) {
        loadConfiguration(m_configFile);
    } else if (std::filesystem::exists("server.properties")) {
        loadConfiguration("server.properties");
    }
    Poco::Util::ServerApplication::initialize(self);
}

void ServerApp::defineOptions(Poco::Util::OptionSet& options)
{
    Poco::Util::ServerApplication::defineOptions(options);
    options.addOption(Option("help", "h", "show this help and exit").required(false).repeatable(false));
    options.addOption(Option("config", "c", "read configuration from FILE (default: ./server.properties if present)")
                          .argument("FILE")
                          .required(false));
    options.addOption(Option("db", "", "database: sqlite:PATH or postgresql://user@host:port/db").argument("URL").binding("db"));
    options.addOption(Option("listen", "", "address to listen on, HOST:PORT (port 0: any free port)")
                          .argument("HOST:PORT")
                          .binding("listen"));
    options.addOption(Option("no-migrate", "", "refuse to start on an unmigrated database instead of migrating it"));
    options.addOption(Option("tls-cert", "", "TLS certificate (PEM); with --tls-key serves HTTPS").argument("FILE").binding("tls.certificate"));
    options.addOption(Option("tls-key", "", "TLS private key (PEM)").argument("FILE").binding("tls.key"));
    options.addOption(Option("log-level", "", "none, fatal, critical, error, warning, notice, information, debug, trace")
                          .argument("LEVEL")
                          .binding("log.level"));
    options.addOption(Option("photos-dir", "", "where photos are stored (default: next to a SQLite file as FILE.photos, "
                                               "./photos with PostgreSQL)")
                          .argument("DIR")
                          .binding("photos.dir"));
    options.addOption(Option("test-fast-hashes", "", "tests only: new password hashes at the KDF's minimum cost").binding("test.fast_hashes"));
}

void ServerApp::handleOption(const std::string& name, const std::string& value)
{
    Poco::Util::ServerApplication::handleOption(name, value);
    if (name == "help") {
        m_help = true;
        stopOptionsProcessing();
    } else if (name == "config") {
        m_configFile = value;
    } else if (name == "no-migrate") {
        config().setBool("migrate", false);
    } else if (name == "test-fast-hashes") {
        config().setBool("test.fast_hashes", true);
    }
}

void ServerApp::printHelp() const
{
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[options]");
    help.setHeader(std::string("yanghu-server ") + productVersion() + " - the Yanghu REST API (/api/v1).");
    help.setFooter("Every flag overrides the key of the same meaning in the configuration file; see README.");
    help.format(std::cout);
}

int ServerApp::main(const std::vector<std::string>& args)
{
    if (m_help) {
        printHelp();
        return Application::EXIT_OK;
    }
    if (!args.empty()) {
        std::cerr << "yanghu-server: unexpected argument '" << args.front() << "' (see --help)\n";
        return Application::EXIT_USAGE;
    }
    auto& conf = config();
    // One log line per request on standard error, timestamped; never passwords or tokens.
    // Written in batches by one thread (see BatchingChannel); closed, so flushed, on every
    // way out of main below.
    Poco::AutoPtr<BatchingChannel> out(new BatchingChannel(STDERR_FILENO));
    struct CloseLog {
        BatchingChannel& channel;
        ~CloseLog() { channel.close(); }
    } closeLog{*out};
    Poco::AutoPtr<Poco::PatternFormatter> formatter(new Poco::PatternFormatter("%Y-%m-%dT%H:%M:%S.%iZ %p %s: %t"));
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, out));
    Poco::Logger& log = Poco::Logger::get("yanghu");
    log.setChannel(channel);
    try {
        log.setLevel(conf.getString("log.level", "information"));
    } catch (const Poco::Exception&) {
        std::cerr << "yanghu-server: unknown log level '" << conf.getString("log.level") << "'\n";
        return Application::EXIT_USAGE;
    }
    Poco::Logger::get("yanghu.http").setChannel(channel);
    Poco::Logger::get("yanghu.http").setLevel(log.getLevel());

    ServerConfig sc;
    try {
        sc.db = conf.getString("db", sc.db);
        sc.migrate = conf.getBool("migrate", true);
        const auto listen = parseListen(conf.getString("listen", "127.0.0.1:8080"));
        sc.http.host = listen.host;
        sc.http.port = listen.port;
        sc.http.tlsCertificateFile = conf.getString("tls.certificate", "");
        sc.http.tlsKeyFile = conf.getString("tls.key", "");
        if (sc.http.tlsCertificateFile.empty() != sc.http.tlsKeyFile.empty())
            throw std::invalid_argument("tls: give both the certificate and the key, or neither");
        sc.http.maxThreads = conf.getInt("http.max_threads", sc.http.maxThreads);
        sc.http.maxQueued = conf.getInt("http.max_queued", sc.http.maxQueued);
        sc.http.keepAlive = std::chrono::seconds(conf.getInt("http.keep_alive_seconds", 5));
        sc.http.timeout = std::chrono::seconds(conf.getInt("http.timeout_seconds", 15));
        sc.http.maxBodyBytes = static_cast<std::size_t>(conf.getInt64("http.max_body_bytes", 8 * 1024 * 1024));
        sc.tokenTtl = std::chrono::hours(conf.getInt("auth.token_ttl_hours", 12));
        sc.loginWait = std::chrono::milliseconds(conf.getInt("auth.login_wait_ms", 5000));
        sc.fastPasswordHashes = conf.getBool("test.fast_hashes", false);
        const auto rowCacheBytes = conf.getInt64("cache.row_bytes", 64 * 1024 * 1024);
        if (rowCacheBytes < 0) throw std::invalid_argument("cache.row_bytes must be >= 0 (0 keeps no rendered rows)");
        sc.rowCacheBytes = static_cast<std::size_t>(rowCacheBytes);
        sc.photos.dir = conf.getString("photos.dir", "");
        const auto chunkBytes = conf.getInt64("photos.max_chunk_bytes", static_cast<Poco::Int64>(sc.photos.maxChunkBytes));
        const auto photoBytes = conf.getInt64("photos.max_bytes", static_cast<Poco::Int64>(sc.photos.maxPhotoBytes));
        if (chunkBytes < 1024 || photoBytes < 1)
            throw std::invalid_argument("photos.max_chunk_bytes must be >= 1024 and photos.max_bytes >= 1");
        sc.photos.maxChunkBytes = static_cast<std::size_t>(chunkBytes);
        sc.photos.maxPhotoBytes = static_cast<std::uint64_t>(photoBytes);
        if (sc.http.maxThreads < 8 || sc.http.maxQueued < 1 || sc.http.keepAlive.count() < 1 || sc.http.timeout.count() < 1 ||
            sc.http.maxBodyBytes < 1024 || sc.tokenTtl.count() < 1 || sc.loginWait.count() < 0)
            throw std::invalid_argument("http/auth limits out of range (max_threads >= 8, login_wait_ms >= 0, others >= 1, max_body_bytes >= 1024)");
    } catch (const Poco::Exception& e) {
        std::cerr << "yanghu-server: configuration: " << e.displayText() << '\n';
        return Application::EXIT_CONFIG;
    } catch (const std::exception& e) {
        std::cerr << "yanghu-server: configuration: " << e.what() << '\n';
        return Application::EXIT_CONFIG;
    }

    std::unique_ptr<ServerRuntime> runtime;
    try {
        runtime = std::make_unique<ServerRuntime>(sc, Poco::Logger::get("yanghu.http"));
        runtime->start();
    } catch (const Poco::Exception& e) {
        std::cerr << "yanghu-server: " << e.displayText() << '\n';
        return Application::EXIT_SOFTWARE;
    } catch (const std::exception& e) {
        std::cerr << "yanghu-server: " << e.what() << '\n';
        return Application::EXIT_SOFTWARE;
    }
    // Scripts and tests read this line for the port actually bound.
    std::cout << "yanghu-server " << productVersion() << " listening on " << runtime->url() << " (database "
              << runtime->databaseDisplayUrl() << ")" << std::endl;
    waitForTerminationRequest();
    log.information("stopping: finishing requests in flight");
    runtime->stop();
    log.information("stopped");
    return Application::EXIT_OK;
}

} // namespace yanghu::server
