// SPDX-License-Identifier: MIT
#include "ServerProcess.h"

#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

#include <sys/wait.h>

#ifndef YANGHU_SERVER_EXE
#error "YANGHU_SERVER_EXE must name the yanghu-server binary"
#endif

namespace yanghu::servertest {

namespace {
int g_serial = 0;
}

ServerProcess::ServerProcess(const std::string& dbUrl, std::vector<std::string> extraArgs,
                             const std::map<std::string, std::string>& env)
{
    m_logPath = (std::filesystem::temp_directory_path() /
                 ("yanghu-server-" + std::to_string(::getpid()) + "-" + std::to_string(++g_serial) + ".log"))
                    .string();
    std::vector<std::string> args{"--db", dbUrl, "--test-fast-hashes", "--log-level", "information"};
    // Any free port, unless the test brings the server back where its clients knew it.
    if (std::find(extraArgs.begin(), extraArgs.end(), "--listen") == extraArgs.end())
        args.insert(args.end(), {"--listen", "127.0.0.1:0"});
    args.insert(args.end(), extraArgs.begin(), extraArgs.end());
    Poco::Pipe out;
    // stderr to a file: a full pipe nobody reads would block the server.
    const std::string command = YANGHU_SERVER_EXE;
    std::vector<std::string> shellArgs{"-c", "exec \"$0\" \"$@\" 2>>'" + m_logPath + "'", command};
    shellArgs.insert(shellArgs.end(), args.begin(), args.end());
    m_handle = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch("/bin/sh", shellArgs, nullptr, &out, nullptr,
                                                                                  Poco::Process::Env(env.begin(), env.end())));
    Poco::PipeInputStream in(out);
    std::string line;
    const std::regex listening(R"(listening on https?://127\.0\.0\.1:(\d+))");
    std::smatch m;
    // The first line is the "listening on" line, or the stream ends because start-up failed.
    while (std::getline(in, line)) {
        if (std::regex_search(line, m, listening)) {
            m_port = static_cast<std::uint16_t>(std::stoi(m[1]));
            break;
        }
    }
    if (m_port == 0) {
        kill();
        throw std::runtime_error("yanghu-server did not start:\n" + log());
    }
    // The rest of stdout is not read; the server writes nothing more there.
}

ServerProcess::~ServerProcess()
{
    if (!m_done) kill();
    std::error_code ignored;
    std::filesystem::remove(m_logPath, ignored);
}

bool ServerProcess::running() const { return !m_done && Poco::Process::isRunning(*m_handle); }

int ServerProcess::terminate()
{
    if (m_done) return -1;
    ::kill(m_handle->id(), SIGTERM);
    const int code = m_handle->wait();
    m_done = true;
    return code;
}

int ServerProcess::waitForExit()
{
    if (m_done) return -1;
    const int code = m_handle->wait();
    m_done = true;
    return code;
}

void ServerProcess::kill()
{
    if (m_done) return;
    ::kill(m_handle->id(), SIGKILL);
    m_handle->wait();
    m_done = true;
}

std::string ServerProcess::log() const
{
    std::ifstream in(m_logPath);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string ServerProcess::logOnceItHas(const std::string& text, std::chrono::milliseconds timeout) const
{
    const auto until = std::chrono::steady_clock::now() + timeout;
    std::string now = log();
    while (now.find(text) == std::string::npos && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
        now = log();
    }
    return now;
}

nlohmann::json HttpResponse::json() const { return nlohmann::json::parse(body); }

std::string HttpResponse::header(const std::string& name) const
{
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
}

HttpClient::HttpClient(std::uint16_t port) : m_session("127.0.0.1", port)
{
    m_session.setKeepAlive(true);
    m_session.setTimeout(Poco::Timespan(30, 0));
}

HttpResponse HttpClient::request(const std::string& method, const std::string& path, const std::string& body,
                                 const std::map<std::string, std::string>& headers)
{
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.setKeepAlive(true);
    for (const auto& [k, v] : headers) request.set(k, v);
    if (!body.empty() || method == "POST" || method == "PATCH" || method == "PUT") request.setContentLength64(static_cast<Poco::Int64>(body.size()));
    HttpResponse out;
    for (int attempt = 0; attempt < 2; ++attempt) {
        try {
            std::ostream& os = m_session.sendRequest(request);
            os << body;
            Poco::Net::HTTPResponse response;
            std::istream& is = m_session.receiveResponse(response);
            out.status = static_cast<int>(response.getStatus());
            out.reason = response.getReason();
            out.body.clear();
            Poco::StreamCopier::copyToString(is, out.body);
            out.headers.clear();
            for (const auto& [k, v] : response) out.headers[Poco::toLower(k)] = v;
            return out;
        } catch (const Poco::Net::NetException&) {
            // The server closed an idle keep-alive connection: one fresh try.
            m_session.reset();
            if (attempt == 1) throw;
        }
    }
    return out;
}

HttpResponse HttpClient::get(const std::string& path, const std::string& token)
{
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return request("GET", path, {}, h);
}

HttpResponse HttpClient::del(const std::string& path, const std::string& token, const std::string& ifMatch)
{
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    if (!ifMatch.empty()) h["If-Match"] = ifMatch;
    return request("DELETE", path, {}, h);
}

HttpResponse HttpClient::post(const std::string& path, const nlohmann::json& body, const std::string& token)
{
    std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return request("POST", path, body.dump(), h);
}

HttpResponse HttpClient::patch(const std::string& path, const nlohmann::json& body, const std::string& token,
                               const std::string& ifMatch)
{
    std::map<std::string, std::string> h{{"Content-Type", "application/json"}};
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    if (!ifMatch.empty()) h["If-Match"] = ifMatch;
    return request("PATCH", path, body.dump(), h);
}

std::string HttpClient::login(const std::string& username, const std::string& password)
{
    auto r = post("/api/v1/auth/login", {{"username", username}, {"password", password}});
    if (r.status != 200) throw std::runtime_error("login " + username + ": " + std::to_string(r.status) + " " + r.body);
    return r.json().at("token").get<std::string>();
}

} // namespace yanghu::servertest
