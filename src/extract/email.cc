// RFC 822 / MIME messages through GMime 3.

#include <fcntl.h>
#include <gmime/gmime.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>

#include "extract/internal.h"
#include "extract/lib_ptr.h"

namespace tahqiq::extract::internal {
namespace {

constexpr int kMaxMimeDepth = 32;
constexpr size_t kMaxChildren = 10000;

std::string TakeGString(char* s) {
  std::string out = s ? s : "";
  g_free(s);
  return out;
}

std::string Clean(std::string_view s) {
  std::string out = SanitizeUtf8(s);
  const auto ws = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!out.empty() && ws(out.back())) out.pop_back();
  size_t start = 0;
  while (start < out.size() && ws(out[start])) ++start;
  return out.substr(start);
}

void AddAddresses(GMimeMessage* msg, GMimeAddressType type, const char* field, Sink* sink) {
  InternetAddressList* list = g_mime_message_get_addresses(msg, type);  // Borrowed.
  if (list == nullptr || internet_address_list_length(list) == 0) return;
  // encode=FALSE: display names come out decoded (RFC 2047) as UTF-8.
  const std::string value =
      Clean(TakeGString(internet_address_list_to_string(list, nullptr, FALSE)));
  if (!value.empty()) sink->AddField(field, value);
}

// The decoded (base64/quoted-printable undone) bytes of a leaf part.
std::string DecodedContent(GMimePart* part) {
  GMimeDataWrapper* content = g_mime_part_get_content(part);  // Borrowed.
  if (content == nullptr) return "";
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_data_wrapper_write_to_stream(content, mem.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len) : "";
}

std::string Serialize(GMimeObject* obj) {
  GPtr<GMimeStream> mem(g_mime_stream_mem_new());
  g_mime_object_write_to_stream(obj, nullptr, mem.get());
  GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
  return bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len) : "";
}

bool IsType(GMimeObject* obj, const char* type, const char* subtype) {
  GMimeContentType* ct = g_mime_object_get_content_type(obj);
  return ct != nullptr && g_mime_content_type_is_type(ct, type, subtype);
}

class MimeWalker {
 public:
  MimeWalker(const Options& options, Sink* sink) : options_(options), sink_(sink), out_(sink) {}

  // `want_text`: false inside the alternatives of a multipart/alternative
  // that we did not pick (their attachments still count).
  Status Walk(GMimeObject* obj, int depth, bool want_text) {
    if (obj == nullptr || depth > kMaxMimeDepth) return Status::Ok();
    if (GMIME_IS_MESSAGE_PART(obj)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(obj));
      if (inner == nullptr) return Status::Ok();
      const char* filename = g_mime_object_get_content_disposition_parameter(obj, "filename");
      return AddChild(filename ? filename : "message.eml", Serialize(GMIME_OBJECT(inner)));
    }
    if (GMIME_IS_MULTIPART(obj)) {
      GMimeMultipart* mp = GMIME_MULTIPART(obj);
      const int n = g_mime_multipart_get_count(mp);
      int chosen = -1;
      if (IsType(obj, "multipart", "alternative")) {
        // The plain-text alternative if there is one, else the last (richest).
        for (int i = 0; i < n && chosen < 0; ++i) {
          if (IsType(g_mime_multipart_get_part(mp, i), "text", "plain")) chosen = i;
        }
        if (chosen < 0) chosen = n - 1;
      }
      for (int i = 0; i < n; ++i) {
        TAHQIQ_RETURN_IF_ERROR(Walk(g_mime_multipart_get_part(mp, i), depth + 1,
                                    want_text && (chosen < 0 || i == chosen)));
      }
      return Status::Ok();
    }
    if (!GMIME_IS_PART(obj)) return Status::Ok();
    GMimePart* part = GMIME_PART(obj);
    const char* raw_filename = g_mime_part_get_filename(part);  // Decoded (RFC 2231/2047).
    const std::string filename = raw_filename ? Clean(raw_filename) : "";
    GMimeContentDisposition* disp = g_mime_object_get_content_disposition(obj);
    const bool attachment = disp != nullptr && g_mime_content_disposition_is_attachment(disp);
    const bool is_text = IsType(obj, "text", "*");
    if (!attachment && is_text &&
        (filename.empty() || IsType(obj, "text", "plain") || IsType(obj, "text", "html"))) {
      return want_text ? AppendTextPart(obj, part) : Status::Ok();
    }
    if (attachment || !filename.empty()) return AddChild(filename, DecodedContent(part));
    return Status::Ok();  // Inline non-text part without a name (a logo...).
  }

  Status Finish() { return out_.Flush(true); }

 private:
  Status AppendTextPart(GMimeObject* obj, GMimePart* part) {
    const char* charset = g_mime_object_get_content_type_parameter(obj, "charset");
    const std::string bytes = DecodedContent(part);
    if (IsType(obj, "text", "html")) {
      // The HTML extractor talks to the sink directly: keep the order.
      TAHQIQ_RETURN_IF_ERROR(out_.Flush(true));
      HtmlOptions html;
      html.charset_label = charset ? charset : "";
      html.set_title = false;
      html.add_encoding_field = false;
      return HtmlToText(bytes, html, sink_);
    }
    std::string text = ToUtf8(bytes, charset ? charset : "");
    bool pending_cr = false;
    NormalizeNewlines(&text, &pending_cr);
    out_.Newline();
    out_.Append(text);
    out_.Newline();
    return out_.Flush();
  }

  Status AddChild(const std::string& name, std::string bytes) {
    if (++children_ > kMaxChildren) {
      return Status::ResourceExhausted("eml: more than " + std::to_string(kMaxChildren) +
                                       " attachments");
    }
    if (bytes.size() > options_.max_in_memory_bytes) {
      return Status::ResourceExhausted("eml: attachment " + name + " is too large");
    }
    sink_->AddChild(name, std::move(bytes));
    return Status::Ok();
  }

  const Options& options_;
  Sink* sink_;
  BlockWriter out_;
  size_t children_ = 0;
};

}  // namespace

void InitEmail() { g_mime_init(); }

Status ExtractEmail(const std::string& path, const Options& options, Sink* sink) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(std::string("eml: cannot open: ") + std::strerror(errno));
  char head[5] = {};
  const bool mbox = ::pread(fd, head, sizeof head, 0) == 5 && std::memcmp(head, "From ", 5) == 0;
  // The stream owns fd from here on. With a seekable stream GMime keeps
  // part contents as ranges of the file instead of copies.
  GPtr<GMimeStream> stream(g_mime_stream_fs_new(fd));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  // An mbox: only its first message is read.
  g_mime_parser_set_format(parser.get(), mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
  GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!msg) return Status::Corrupt("eml: not a MIME message (GMime could not parse it)");

  const char* subject = g_mime_message_get_subject(msg.get());
  const std::string subj = subject ? Clean(subject) : "";
  if (!subj.empty()) sink->SetTitle(subj);
  AddAddresses(msg.get(), GMIME_ADDRESS_TYPE_FROM, "from", sink);
  AddAddresses(msg.get(), GMIME_ADDRESS_TYPE_TO, "to", sink);
  AddAddresses(msg.get(), GMIME_ADDRESS_TYPE_CC, "cc", sink);
  if (!subj.empty()) sink->AddField("subject", subj);
  if (GDateTime* date = g_mime_message_get_date(msg.get()); date != nullptr) {
    sink->AddField("date", TakeGString(g_date_time_format(date, "%Y-%m-%dT%H:%M:%S%:z")));
  } else if (const char* raw = g_mime_object_get_header(GMIME_OBJECT(msg.get()), "Date")) {
    if (std::string d = Clean(raw); !d.empty()) sink->AddField("date", d);
  }
  if (const char* id = g_mime_message_get_message_id(msg.get()); id != nullptr) {
    if (std::string v = Clean(id); !v.empty()) sink->AddField("message-id", v);
  }

  MimeWalker walker(options, sink);
  TAHQIQ_RETURN_IF_ERROR(walker.Walk(g_mime_message_get_mime_part(msg.get()), 0, true));
  return walker.Finish();
}

Status ExtractMbox(const std::string& path, const Options& options, Sink* sink) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError(std::string("mbox: cannot open: ") + std::strerror(errno));
  GPtr<GMimeStream> stream(g_mime_stream_fs_new(fd));
  GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
  // Each message becomes a child document (an .eml), so it is extracted,
  // deduplicated and cited like any other e-mail; the mailbox's own text is
  // its table of contents.
  size_t count = 0;
  std::string toc;
  Status result;
  while (!g_mime_parser_eos(parser.get())) {
    GPtr<GMimeMessage> msg(g_mime_parser_construct_message(parser.get(), nullptr));
    if (!msg) {
      if (!g_mime_parser_eos(parser.get())) {
        result = Status::Corrupt("mbox: unreadable data after message " + std::to_string(count));
      }
      break;
    }
    if (++count > kMaxChildren) {
      sink->AddField("messages", std::to_string(count - 1));
      return Status::ResourceExhausted("mbox: more than " + std::to_string(kMaxChildren) +
                                       " messages");
    }
    GPtr<GMimeStream> mem(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(msg.get()), nullptr, mem.get());
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem.get()));
    const char* subject = g_mime_message_get_subject(msg.get());
    std::string subj = subject ? Clean(subject) : "";
    InternetAddressList* from = g_mime_message_get_addresses(msg.get(), GMIME_ADDRESS_TYPE_FROM);
    std::string who =
        from ? Clean(TakeGString(internet_address_list_to_string(from, nullptr, FALSE))) : "";
    char name[32];
    std::snprintf(name, sizeof name, "message-%05zu.eml", count);
    toc += std::string(name) + "\t" + who + "\t" + subj + "\n";
    sink->AddChild(name, bytes ? std::string(reinterpret_cast<const char*>(bytes->data), bytes->len)
                               : std::string());
    if (toc.size() > (256u << 10)) {
      TAHQIQ_RETURN_IF_ERROR(sink->AppendText(toc));
      toc.clear();
    }
  }
  if (count == 0) return Status::Corrupt("mbox: no message could be parsed");
  sink->AddField("messages", std::to_string(count));
  TAHQIQ_RETURN_IF_ERROR(sink->AppendText(toc));
  return result;
}

}  // namespace tahqiq::extract::internal
