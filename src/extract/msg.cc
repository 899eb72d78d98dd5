// Outlook .msg files (one e-mail as an OLE2 compound file) through libgsf.
//
// MAPI properties live in streams named __substg1.0_<tag><type>: type 001F
// is UTF-16LE text, 001E 8-bit text, 0102 binary. The message is rebuilt as
// MIME (GMime), like PST messages, and handed on as a child .eml so that its
// body and attachments are read by the e-mail extractor.
#include <gmime/gmime.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-utils.h>
#include <unicode/ucnv.h>

#include <memory>
#include <string>

#include "extract/internal.h"
#include "extract/lib_ptr.h"

namespace tahqiq::extract::internal {
namespace {

constexpr size_t kMaxStream = 256u << 20;
constexpr int kMaxAttachments = 1000;
constexpr int kMaxDepth = 10;

// Raw bytes of a child stream of `dir`, or "" if absent or too large.
std::string ReadStream(GsfInfile* dir, const std::string& name) {
  GPtr<GsfInput> in(gsf_infile_child_by_name(dir, name.c_str()));
  if (!in) return "";
  gsf_off_t size = gsf_input_size(in.get());
  if (size <= 0 || static_cast<size_t>(size) > kMaxStream) return "";
  std::string out(static_cast<size_t>(size), '\0');
  if (gsf_input_read(in.get(), size, reinterpret_cast<guint8*>(out.data())) == nullptr) return "";
  return out;
}

std::string Utf16ToUtf8(const std::string& bytes) {
  UErrorCode err = U_ZERO_ERROR;
  std::string out(bytes.size() * 2 + 4, '\0');
  int32_t n = ucnv_convert("UTF-8", "UTF-16LE", out.data(), static_cast<int32_t>(out.size()),
                           bytes.data(), static_cast<int32_t>(bytes.size()), &err);
  if (U_FAILURE(err)) return "";
  out.resize(static_cast<size_t>(n));
  while (!out.empty() && out.back() == '\0') out.pop_back();
  return SanitizeUtf8(out);
}

// A text property (tag like "0037" for the subject), Unicode or 8-bit.
std::string Prop(GsfInfile* dir, const char* tag) {
  std::string u = ReadStream(dir, std::string("__substg1.0_") + tag + "001F");
  if (!u.empty()) return Utf16ToUtf8(u);
  std::string a = ReadStream(dir, std::string("__substg1.0_") + tag + "001E");
  while (!a.empty() && a.back() == '\0') a.pop_back();
  return SanitizeUtf8(a);
}

GMimePart* TextPart(const char* subtype, const std::string& text) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  g_mime_text_part_set_text(part, text.c_str());
  return GMIME_PART(part);
}

}  // namespace

struct MsgSummary {
  std::string subject, sender, sender_name, to, cc;
  int attachments = 0;
};

// Rebuilds the message stored in `root` (the file, or an embedded message's
// storage) as MIME bytes. Embedded messages become attached .eml files, down
// to kMaxDepth levels.
Result<std::string> BuildEml(GsfInfile* root, int depth, Sink* sink, MsgSummary* sum) {
  std::string subject = Prop(root, "0037");
  const std::string body = Prop(root, "1000");
  std::string html = ReadStream(root, "__substg1.0_10130102");  // PR_HTML, bytes.
  if (html.empty()) html = Prop(root, "1013");
  const std::string sender_name = Prop(root, "0C1A");
  std::string sender = Prop(root, "5D01");  // PR_SENDER_SMTP_ADDRESS
  if (sender.empty()) sender = Prop(root, "0C1F");
  const std::string to = Prop(root, "0E04"), cc = Prop(root, "0E03");
  const std::string headers = Prop(root, "007D");  // Transport headers, when kept.
  if (body.empty() && html.empty() && subject.empty() && headers.empty()) {
    return Status::Corrupt("msg: no Outlook message properties (not an .msg file?)");
  }
  sum->subject = subject;
  sum->sender = sender;
  sum->sender_name = sender_name;
  sum->to = to;
  sum->cc = cc;

  GPtr<GMimeMessage> msg(g_mime_message_new(TRUE));
  if (!sender.empty() || !sender_name.empty()) {
    g_mime_message_add_mailbox(msg.get(), GMIME_ADDRESS_TYPE_FROM, sender_name.c_str(),
                               sender.c_str());
  }
  // PR_DISPLAY_TO/CC are display names separated by "; ".
  auto add = [&](GMimeAddressType type, const std::string& names) {
    size_t i = 0;
    while (i < names.size()) {
      size_t j = names.find(';', i);
      if (j == std::string::npos) j = names.size();
      std::string one = names.substr(i, j - i);
      while (!one.empty() && one.front() == ' ') one.erase(0, 1);
      if (!one.empty()) g_mime_message_add_mailbox(msg.get(), type, one.c_str(), "");
      i = j + 1;
    }
  };
  add(GMIME_ADDRESS_TYPE_TO, to);
  add(GMIME_ADDRESS_TYPE_CC, cc);
  if (!subject.empty()) g_mime_message_set_subject(msg.get(), subject.c_str(), "utf-8");
  // The date, when present, is in the transport headers.
  if (size_t d = headers.find("\nDate:"); d != std::string::npos) {
    size_t e = headers.find('\n', d + 6);
    std::string date =
        headers.substr(d + 6, e == std::string::npos ? std::string::npos : e - d - 6);
    g_mime_object_set_header(GMIME_OBJECT(msg.get()), "Date", date.c_str(), "utf-8");
  }

  GPtr<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
  g_mime_multipart_set_boundary(mixed.get(), "=_tahqiq_msg_mixed");
  if (!body.empty()) {
    GPtr<GMimePart> p(TextPart("plain", body));
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(p.get()));
  } else if (!html.empty()) {
    GPtr<GMimePart> p(TextPart("html", SanitizeUtf8(html)));
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(p.get()));
  }
  int attachments = 0;
  for (int i = 0; i < gsf_infile_num_children(root) && attachments < kMaxAttachments; ++i) {
    const char* name = gsf_infile_name_by_index(root, i);
    if (name == nullptr || std::string(name).rfind("__attach_version1.0_", 0) != 0) continue;
    GPtr<GsfInput> child(gsf_infile_child_by_index(root, i));
    if (!child || !GSF_IS_INFILE(child.get())) continue;
    GsfInfile* att = GSF_INFILE(child.get());
    std::string data = ReadStream(att, "__substg1.0_37010102");
    std::string filename = Prop(att, "3707");
    if (filename.empty()) filename = Prop(att, "3704");
    if (data.empty()) {
      // An attached Outlook message (PR_ATTACH_DATA_OBJ) is a sub-storage.
      GPtr<GsfInput> obj(gsf_infile_child_by_name(att, "__substg1.0_3701000D"));
      MsgSummary inner;
      Result<std::string> nested = Status::NotFound("no embedded message");
      if (obj && GSF_IS_INFILE(obj.get()) && depth + 1 < kMaxDepth) {
        nested = BuildEml(GSF_INFILE(obj.get()), depth + 1, sink, &inner);
      }
      if (!nested.ok()) {
        sink->AddField("skipped", (filename.empty() ? std::string("attachment") : filename) +
                                      " (embedded object)");
        continue;
      }
      data = std::move(*nested);
      if (filename.empty()) filename = inner.subject.empty() ? "message" : inner.subject;
      filename += ".eml";
    }
    ++attachments;
    ++sum->attachments;
    GPtr<GMimePart> part(g_mime_part_new_with_type("application", "octet-stream"));
    if (!filename.empty()) g_mime_part_set_filename(part.get(), filename.c_str());
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(data.data(), data.size()));
    GPtr<GMimeDataWrapper> wrapper(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part.get(), wrapper.get());
    g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_BASE64);
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(part.get()));
  }
  g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(mixed.get()));
  char* text = g_mime_object_to_string(GMIME_OBJECT(msg.get()), nullptr);
  std::string eml = text ? text : "";
  g_free(text);

  return eml;
}

Status ExtractMsg(const std::string& path, const Options& options, Sink* sink) {
  GError* error = nullptr;
  GPtr<GsfInput> file(gsf_input_stdio_new(path.c_str(), &error));
  if (!file) {
    if (error) g_error_free(error);
    return Status::IOError("msg: cannot open");
  }
  GPtr<GsfInfile> ole(gsf_infile_msole_new(file.get(), &error));
  if (!ole) {
    std::string why = error ? error->message : "not an OLE2 compound file";
    if (error) g_error_free(error);
    return Status::Corrupt("msg: " + why);
  }
  MsgSummary sum;
  TAHQIQ_ASSIGN_OR_RETURN(std::string eml, BuildEml(ole.get(), 0, sink, &sum));
  const std::string& subject = sum.subject;
  const std::string& sender = sum.sender;
  const std::string& sender_name = sum.sender_name;
  const std::string& to = sum.to;
  const std::string& cc = sum.cc;
  const int attachments = sum.attachments;
  if (!subject.empty()) sink->SetTitle(subject);
  if (!sender.empty() || !sender_name.empty()) {
    sink->AddField("from", sender_name.empty() ? sender : sender_name + " <" + sender + ">");
  }
  if (!to.empty()) sink->AddField("to", to);
  if (!cc.empty()) sink->AddField("cc", cc);
  if (!subject.empty()) sink->AddField("subject", subject);
  sink->AddField("attachments", std::to_string(attachments));
  sink->AddChild("message.eml", std::move(eml));
  // The .msg's own text: its header lines, so the container is findable too.
  std::string summary =
      "From: " + sender_name + " " + sender + "\nTo: " + to + "\nSubject: " + subject + "\n";
  return sink->AppendText(summary);
}

}  // namespace tahqiq::extract::internal
