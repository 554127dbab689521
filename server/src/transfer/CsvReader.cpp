// SPDX-License-Identifier: MIT
#include "transfer/CsvReader.h"

#include "yanghu/core/rules/ErrorCodes.h"

namespace yanghu::transfer {

namespace {
constexpr std::size_t ChunkSize = 64 * 1024;
} // namespace

CsvReader::CsvReader(std::istream& in, char delimiter) : m_in(&in), m_delimiter(delimiter)
{
    m_chunk.resize(ChunkSize);
}

CsvReader::CsvReader(std::string_view text, char delimiter)
    : m_delimiter(delimiter), m_pos(text.data()), m_end(text.data() + text.size())
{
}

bool CsvReader::fill()
{
    if (m_pos != m_end) return true;
    if (!m_in) return false;
    m_in->read(m_chunk.data(), static_cast<std::streamsize>(m_chunk.size()));
    const auto n = static_cast<std::size_t>(m_in->gcount());
    m_pos = m_chunk.data();
    m_end = m_pos + n;
    return n > 0;
}

void CsvReader::endField() { m_bounds.push_back(m_record.size()); }

CsvReader::Status CsvReader::next()
{
    if (m_broken) return Status::Broken;
    m_record.clear();
    m_bounds.clear();
    m_fields.clear();

    if (!m_started) {
        m_started = true;
        // A stream's first read fills a whole chunk, so a BOM is never split.
        if (fill() && m_end - m_pos >= 3 && m_pos[0] == '\xEF' && m_pos[1] == '\xBB' && m_pos[2] == '\xBF')
            m_pos += 3;
    }

    // Skip the LF of a CRLF that ended the previous record, and empty lines.
    for (;;) {
        if (!fill()) {
            if (m_in && m_in->bad()) {
                m_broken = true;
                m_problem = Problem{m_line, std::string(codes::StorageFailed), {{"detail", "read_failed"}}};
                return Status::Broken;
            }
            return Status::End;
        }
        const char c = *m_pos;
        if (m_pendingCr && c == '\n') {
            ++m_pos;
            m_pendingCr = false;
            continue;
        }
        m_pendingCr = false;
        if (c == '\n' || c == '\r') {
            ++m_pos;
            ++m_line;
            m_pendingCr = (c == '\r');
            continue;
        }
        break;
    }

    m_recordLine = m_line;
    enum class State { FieldStart, Unquoted, Quoted, QuoteInQuoted };
    State state = State::FieldStart;
    int quoteLine = 0;
    bool lastWasCr = false; // inside quotes: a CR was the last byte, so a LF does not count again

    for (;;) {
        if (!fill()) {
            if (state == State::Quoted) {
                m_broken = true;
                m_problem = Problem{m_recordLine,
                                    std::string(codes::InvalidFormat),
                                    {{"expected", "closing_quote"}, {"quote_line", std::to_string(quoteLine)}}};
                return Status::Broken;
            }
            endField();
            break;
        }
        if (state == State::FieldStart) {
            if (*m_pos == '"') {
                ++m_pos;
                state = State::Quoted;
                quoteLine = m_line;
                lastWasCr = false;
                continue;
            }
            state = State::Unquoted;
        }
        if (state == State::Unquoted) {
            const char* p = m_pos;
            while (p != m_end && *p != m_delimiter && *p != '\n' && *p != '\r') ++p;
            m_record.append(m_pos, p);
            m_pos = p;
            if (p == m_end) continue; // refill and go on with the same field
            const char c = *m_pos++;
            endField();
            if (c == m_delimiter) {
                state = State::FieldStart;
                continue;
            }
            ++m_line;
            m_pendingCr = (c == '\r');
            break;
        }
        if (state == State::Quoted) {
            const char* p = m_pos;
            while (p != m_end && *p != '"') {
                if (*p == '\n') {
                    if (!lastWasCr) ++m_line;
                    lastWasCr = false;
                } else if (*p == '\r') {
                    ++m_line;
                    lastWasCr = true;
                } else {
                    lastWasCr = false;
                }
                ++p;
            }
            m_record.append(m_pos, p);
            m_pos = p;
            if (p == m_end) continue;
            ++m_pos; // the quote
            state = State::QuoteInQuoted;
            continue;
        }
        // QuoteInQuoted: a doubled quote, the end of the field, or the end of the record.
        const char c = *m_pos;
        if (c == '"') {
            m_record.push_back('"');
            ++m_pos;
            lastWasCr = false;
            state = State::Quoted;
        } else if (c == m_delimiter) {
            ++m_pos;
            endField();
            state = State::FieldStart;
        } else if (c == '\n' || c == '\r') {
            ++m_pos;
            ++m_line;
            m_pendingCr = (c == '\r');
            endField();
            break;
        } else {
            state = State::Unquoted; // lenient: `"ab"c` reads as `abc`
        }
    }

    std::size_t begin = 0;
    for (const auto end : m_bounds) {
        m_fields.emplace_back(m_record.data() + begin, end - begin);
        begin = end;
    }
    if (m_expectedCount != 0 && m_fields.size() != m_expectedCount) {
        m_problem = Problem{m_recordLine,
                            std::string(codes::InvalidFormat),
                            {{"expected", "field_count"},
                             {"expected_count", std::to_string(m_expectedCount)},
                             {"count", std::to_string(m_fields.size())}}};
        return Status::BadRecord;
    }
    return Status::Record;
}

} // namespace yanghu::transfer
