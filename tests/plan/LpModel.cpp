// SPDX-License-Identifier: MIT
#include "LpModel.h"

#include <chrono>
#include <cstdlib>
#include <fstream>

namespace yanghu::plan::testkit {

void LpWriter::term(double coefficient, const std::string& var)
{
    if (coefficient == 0) return;
    m_row << (coefficient < 0 ? " - " : " + ");
    const double magnitude = coefficient < 0 ? -coefficient : coefficient;
    if (magnitude != 1) m_row << static_cast<long long>(magnitude) << ' ';
    m_row << var;
    if (++m_terms % 8 == 0) m_row << "\n  ";
}

void LpWriter::begin(const std::string& name)
{
    m_row.str({});
    m_row << ' ' << name << ':';
    m_terms = 0;
}

void LpWriter::end(const char* sense, long long rhs)
{
    if (m_terms == 0) return;
    m_out << m_row.str() << ' ' << sense << ' ' << rhs << '\n';
}

void LpWriter::section(const char* title, const std::vector<std::string>& names)
{
    m_out << title << '\n';
    for (std::size_t i = 0; i < names.size(); ++i) m_out << ' ' << names[i] << ((i + 1) % 8 == 0 ? "\n" : "");
    m_out << '\n';
}

CbcRun runCbc(const std::filesystem::path& model, const std::filesystem::path& workDir, double timeLimitSeconds)
{
    CbcRun result;
    const auto solution = workDir / "solution.txt";
    const auto log = workDir / "cbc.log";
    std::filesystem::remove(solution);
    std::ostringstream command;
    command << "cbc " << model << " sec " << timeLimitSeconds << " threads 1 solve solu " << solution << " > " << log
            << " 2>&1";
    const auto started = std::chrono::steady_clock::now();
    const int status = std::system(command.str().c_str());
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    {
        std::ifstream in(log);
        std::stringstream text;
        text << in.rdbuf();
        result.log = text.str();
    }
    if (status != 0) return result;
    result.infeasible = result.log.find("Problem is infeasible") != std::string::npos ||
                        result.log.find("Problem proven infeasible") != std::string::npos;
    std::ifstream in(solution);
    std::string first;
    if (!std::getline(in, first)) return result;
    if (first.rfind("Infeasible", 0) == 0 || first.find("objective value") == std::string::npos) return result;
    result.solved = true;
    result.optimal = first.rfind("Optimal", 0) == 0;
    result.objective = std::strtod(first.substr(first.find("objective value") + 15).c_str(), nullptr);
    result.bound = result.objective;
    if (!result.optimal) {
        const auto at = result.log.find("Lower bound:");
        if (at != std::string::npos) result.bound = std::strtod(result.log.c_str() + at + 12, nullptr);
    }
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string index;
        std::string name;
        double value = 0;
        if (!(fields >> index)) continue;
        if (index == "**") fields >> index; // CBC marks values outside bounds
        if (!(fields >> name >> value)) continue;
        if (value > 1e-9) result.values.emplace_back(name, value);
    }
    return result;
}

} // namespace yanghu::plan::testkit
