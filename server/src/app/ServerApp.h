// SPDX-License-Identifier: MIT
#pragma once

#include <Poco/Util/ServerApplication.h>

#include <string>

namespace yanghu::server {

// yanghu-server: configuration from `server.properties` (or --config FILE), every key
// overridable by a flag; runs ServerRuntime until SIGTERM/SIGINT, then drains and exits.
//
// Keys (defaults):          flag
//   db = sqlite:data/yanghu.db             --db
//   listen = 127.0.0.1:8080                --listen HOST:PORT (port 0: any free port)
//   migrate = true                         --no-migrate
//   tls.certificate =                      --tls-cert FILE
//   tls.key =                              --tls-key FILE
//   log.level = information                --log-level LEVEL
//   http.max_threads = 1024
//   http.max_queued = 512
//   http.keep_alive_seconds = 5
//   http.timeout_seconds = 15
//   http.max_body_bytes = 8388608
//   auth.token_ttl_hours = 12
//   auth.login_wait_ms = 5000
//   cache.row_bytes = 67108864
//   photos.dir = <db file>.photos (SQLite), photos (PostgreSQL)   --photos-dir DIR
//   photos.max_chunk_bytes = 4194304
//   photos.max_bytes = 52428800
class ServerApp : public Poco::Util::ServerApplication {
protected:
    void initialize(Poco::Util::Application& self) override;
    void defineOptions(Poco::Util::OptionSet& options) override;
    void handleOption(const std::string& name, const std::string& value) override;
    int main(const std::vector<std::string>& args) override;

private:
    void printHelp() const;
    bool m_help = false;
    std::string m_configFile;
};

} // namespace yanghu::server
