// Outlook PST mailboxes through libpst. Each e-mail becomes a child
// document: an RFC 822 message rebuilt with GMime (headers, text and HTML
// bodies, attachments), so it is extracted, deduplicated and cited like any
// other e-mail. The member name carries the folder path.
#include <gmime/gmime.h>
#include <libpst/libpst.h>

#include <cstdio>
#include <ctime>
#include <memory>
#include <mutex>
#include <string>

#include "extract/internal.h"
#include "extract/lib_ptr.h"

namespace tahqiq::extract::internal {
namespace {

constexpr int kMaxFolderDepth = 64;
constexpr size_t kMaxMessages = 100000;

struct ItemFree {
  void operator()(pst_item* i) const { pst_freeItem(i); }
};
using ItemPtr = std::unique_ptr<pst_item, ItemFree>;

std::string Str(pst_item* item, pst_string* s) {
  if (s == nullptr || s->str == nullptr) return "";
  pst_convert_utf8(item, s);  // In place; no-op when already UTF-8.
  return SanitizeUtf8(s->str);
}

time_t UnixTime(const FILETIME* ft) {
  if (ft == nullptr) return 0;
  // 100 ns ticks since 1601-01-01.
  const uint64_t ticks = (static_cast<uint64_t>(ft->dwHighDateTime) << 32) | ft->dwLowDateTime;
  if (ticks < 116444736000000000ull) return 0;
  return static_cast<time_t>((ticks - 116444736000000000ull) / 10000000ull);
}

GMimePart* TextPart(const char* subtype, const std::string& text) {
  GMimeTextPart* part = g_mime_text_part_new_with_subtype(subtype);
  g_mime_text_part_set_text(part, text.c_str());
  return GMIME_PART(part);
}

// Rebuilds one PST e-mail as MIME bytes.
std::string BuildMessage(pst_file* pf, pst_item* item, std::vector<std::string>* skipped) {
  GPtr<GMimeMessage> msg(g_mime_message_new(TRUE));
  pst_item_email* e = item->email;
  const std::string sender_name = Str(item, &e->outlook_sender_name);
  const std::string sender = Str(item, &e->sender_address);
  if (!sender.empty() || !sender_name.empty()) {
    g_mime_message_add_mailbox(msg.get(), GMIME_ADDRESS_TYPE_FROM, sender_name.c_str(),
                               sender.c_str());
  }
  auto add_list = [&](GMimeAddressType type, const std::string& value) {
    if (value.empty()) return;
    InternetAddressList* list = internet_address_list_parse(nullptr, value.c_str());
    if (list != nullptr) {
      internet_address_list_append(g_mime_message_get_addresses(msg.get(), type), list);
      g_object_unref(list);
    }
  };
  add_list(GMIME_ADDRESS_TYPE_TO, Str(item, &e->sentto_address));
  add_list(GMIME_ADDRESS_TYPE_CC, Str(item, &e->cc_address));
  const std::string subject = Str(item, &item->subject);
  if (!subject.empty()) g_mime_message_set_subject(msg.get(), subject.c_str(), "utf-8");
  if (time_t t = UnixTime(e->sent_date ? e->sent_date : e->arrival_date); t > 0) {
    GDateTime* dt = g_date_time_new_from_unix_utc(t);
    g_mime_message_set_date(msg.get(), dt);
    g_date_time_unref(dt);
  }
  const std::string id = Str(item, &e->messageid);
  if (!id.empty()) g_mime_message_set_message_id(msg.get(), id.c_str());

  // Fixed boundaries keep the rebuilt message, and so its hash, the same
  // from one run to the next.
  GPtr<GMimeMultipart> mixed(g_mime_multipart_new_with_subtype("mixed"));
  g_mime_multipart_set_boundary(mixed.get(), "=_tahqiq_pst_mixed");
  const std::string body = Str(item, &item->body);
  const std::string html = Str(item, &e->htmlbody);
  if (!body.empty() && !html.empty()) {
    GPtr<GMimeMultipart> alt(g_mime_multipart_new_with_subtype("alternative"));
    g_mime_multipart_set_boundary(alt.get(), "=_tahqiq_pst_alternative");
    GPtr<GMimePart> plain(TextPart("plain", body)), rich(TextPart("html", html));
    g_mime_multipart_add(alt.get(), GMIME_OBJECT(plain.get()));
    g_mime_multipart_add(alt.get(), GMIME_OBJECT(rich.get()));
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(alt.get()));
  } else if (!body.empty() || !html.empty()) {
    GPtr<GMimePart> only(TextPart(body.empty() ? "html" : "plain", body.empty() ? html : body));
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(only.get()));
  }
  for (pst_item_attach* a = item->attach; a != nullptr; a = a->next) {
    if (a->data.data == nullptr && a->i_id == 0 && a->method != PST_ATTACH_EMBEDDED) {
      continue;  // An attachment record without content (as readpst skips it).
    }
    std::string name = Str(item, &a->filename2);
    if (name.empty()) name = Str(item, &a->filename1);
    if (a->method == PST_ATTACH_EMBEDDED) {
      skipped->push_back((name.empty() ? std::string("embedded message") : name) +
                         " (embedded Outlook message)");
      continue;
    }
    pst_binary data = a->data.data ? a->data : pst_attach_to_mem(pf, a);
    const bool owned = a->data.data == nullptr;
    if (data.data == nullptr) {
      skipped->push_back((name.empty() ? std::string("attachment") : name) + " (unreadable)");
      continue;
    }
    GPtr<GMimePart> part(g_mime_part_new_with_type("application", "octet-stream"));
    if (!name.empty()) g_mime_part_set_filename(part.get(), name.c_str());
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(data.data, data.size));
    GPtr<GMimeDataWrapper> wrapper(
        g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
    g_mime_part_set_content(part.get(), wrapper.get());
    g_mime_part_set_content_encoding(part.get(), GMIME_CONTENT_ENCODING_BASE64);
    g_mime_multipart_add(mixed.get(), GMIME_OBJECT(part.get()));
    if (owned) free(data.data);
  }
  g_mime_message_set_mime_part(msg.get(), GMIME_OBJECT(mixed.get()));
  char* text = g_mime_object_to_string(GMIME_OBJECT(msg.get()), nullptr);
  std::string out = text ? text : "";
  g_free(text);
  return out;
}

class Walker {
 public:
  Walker(pst_file* pf, Sink* sink) : pf_(pf), sink_(sink) {}

  Status Walk(pst_desc_tree* d, const std::string& folder, int depth) {
    if (depth > kMaxFolderDepth) {
      skipped_.push_back(folder + " (folders nested too deep)");
      return Status::Ok();
    }
    for (; d != nullptr; d = d->next) {
      ItemPtr item(pst_parse_item(pf_, d, nullptr));
      if (!item) continue;
      if (item->folder != nullptr && d->child != nullptr) {
        std::string name = Str(item.get(), &item->file_as);
        TAHQIQ_RETURN_IF_ERROR(
            Walk(d->child, folder.empty() ? name : folder + "/" + name, depth + 1));
      } else if (item->email != nullptr &&
                 (item->type == PST_TYPE_NOTE || item->type == PST_TYPE_REPORT)) {
        if (++count_ > kMaxMessages) {
          return Status::ResourceExhausted("pst: more than " + std::to_string(kMaxMessages) +
                                           " messages");
        }
        std::string subject = Str(item.get(), &item->subject);
        char num[16];
        std::snprintf(num, sizeof num, "%05zu", count_);
        std::string name = (folder.empty() ? "" : folder + "/") + num + ".eml";
        toc_ += name + "\t" + Str(item.get(), &item->email->outlook_sender_name) + "\t" + subject +
                "\n";
        sink_->AddChild(name, BuildMessage(pf_, item.get(), &skipped_));
      }
    }
    return Status::Ok();
  }

  size_t count() const { return count_; }
  const std::string& toc() const { return toc_; }
  const std::vector<std::string>& skipped() const { return skipped_; }

 private:
  pst_file* pf_;
  Sink* sink_;
  size_t count_ = 0;
  std::string toc_;
  std::vector<std::string> skipped_;
};

}  // namespace

Status ExtractPst(const std::string& path, const Options& options, Sink* sink) {
  // libpst converts text with iconv handles kept in static variables, so
  // two PSTs read at once in one process corrupt each other (found by
  // Extract.ConcurrentCallsGiveTheSameResults under ASan). Worker processes
  // read one file at a time; this lock covers in-process use (--no-isolation).
  static std::mutex libpst_mutex;
  std::lock_guard<std::mutex> lock(libpst_mutex);
  pst_file pf;
  if (pst_open(&pf, path.c_str(), "utf-8") != 0) {
    return Status::Corrupt("pst: cannot open (not an Outlook data file?)");
  }
  struct Closer {
    pst_file* pf;
    ~Closer() { pst_close(pf); }
  } closer{&pf};
  if (pst_load_index(&pf) != 0) return Status::Corrupt("pst: damaged index");
  pst_load_extended_attributes(&pf);
  ItemPtr root(pst_parse_item(&pf, pf.d_head, nullptr));
  pst_desc_tree* top = pst_getTopOfFolders(&pf, root.get());
  if (root == nullptr || top == nullptr) return Status::Corrupt("pst: no folder tree");
  Walker walker(&pf, sink);
  Status st = walker.Walk(top->child, "", 0);
  sink->AddField("messages", std::to_string(walker.count()));
  for (const auto& s : walker.skipped()) sink->AddField("skipped", s);
  Status text = sink->AppendText(walker.toc());
  return st.ok() ? text : st;
}

}  // namespace tahqiq::extract::internal
