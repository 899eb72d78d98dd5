// XmlReader: libxml2's xmlTextReader, locked down for untrusted documents.

#include <libxml/parser.h>
#include <libxml/xmlreader.h>

#include <climits>
#include <cstring>
#include <string>
#include <string_view>

#include "extract/internal.h"

namespace tahqiq::extract::internal {
namespace {

// Deliberately without XML_PARSE_NOENT (entity substitution), DTDLOAD and
// HUGE: external entities are never fetched and internal ones never expand.
constexpr int kXmlOptions = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING;

xmlTextReaderPtr R(void* p) { return static_cast<xmlTextReaderPtr>(p); }

std::string_view View(const xmlChar* s) {
  return s ? std::string_view(reinterpret_cast<const char*>(s)) : std::string_view();
}

void IgnoreStructuredError(void*, xmlErrorPtr) {}

}  // namespace

XmlReader::XmlReader(std::string_view xml, std::string what) : what_(std::move(what)) {
  if (xml.size() > INT_MAX) {
    status_ = Status::ResourceExhausted(what_ + ": part too large");
    return;
  }
  // Office parts never carry a DTD, and a DTD is the only way to declare the
  // entities that XXE and "billion laughs" attacks need; refusing it outright
  // does not depend on parser options staying right.
  if (xml.find("<!DOCTYPE") != std::string_view::npos ||
      xml.find("<!ENTITY") != std::string_view::npos) {
    status_ = Status::Corrupt(what_ + ": has a DTD, which office documents never contain");
    return;
  }
  reader_ =
      xmlReaderForMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, kXmlOptions);
  if (reader_ == nullptr) {
    status_ = Status::Internal(what_ + ": cannot create XML reader");
    return;
  }
  xmlTextReaderSetStructuredErrorHandler(R(reader_), IgnoreStructuredError, nullptr);
}

XmlReader::~XmlReader() {
  if (reader_ != nullptr) xmlFreeTextReader(R(reader_));
}

bool XmlReader::Next(XmlEvent* ev) {
  if (reader_ == nullptr || !status_.ok()) return false;
  if (pending_end_) {
    // Empty elements (<a/>) get a synthetic end so callers see balanced pairs.
    pending_end_ = false;
    ev->kind = XmlEvent::kEnd;
    ev->local_name = pending_name_;
    ev->ns = pending_ns_;
    ev->text = {};
    ev->empty = false;
    return true;
  }
  for (;;) {
    const int r = xmlTextReaderRead(R(reader_));
    if (r == 0) return false;
    if (r < 0) {
      status_ = Status::Corrupt(what_ + ": malformed XML");
      return false;
    }
    switch (xmlTextReaderNodeType(R(reader_))) {
      case XML_READER_TYPE_ELEMENT:
        ev->kind = XmlEvent::kStart;
        ev->local_name = View(xmlTextReaderConstLocalName(R(reader_)));
        ev->ns = View(xmlTextReaderConstNamespaceUri(R(reader_)));
        ev->text = {};
        ev->empty = xmlTextReaderIsEmptyElement(R(reader_)) == 1;
        if (ev->empty) {
          pending_end_ = true;
          pending_name_.assign(ev->local_name);
          pending_ns_.assign(ev->ns);
        }
        return true;
      case XML_READER_TYPE_END_ELEMENT:
        ev->kind = XmlEvent::kEnd;
        ev->local_name = View(xmlTextReaderConstLocalName(R(reader_)));
        ev->ns = View(xmlTextReaderConstNamespaceUri(R(reader_)));
        ev->text = {};
        ev->empty = false;
        return true;
      case XML_READER_TYPE_TEXT:
      case XML_READER_TYPE_CDATA:
      case XML_READER_TYPE_WHITESPACE:
      case XML_READER_TYPE_SIGNIFICANT_WHITESPACE:
        ev->kind = XmlEvent::kText;
        ev->local_name = {};
        ev->ns = {};
        ev->text = View(xmlTextReaderConstValue(R(reader_)));
        ev->empty = false;
        return true;
      default:
        // Comments, processing instructions and (unexpanded) entity
        // references carry no document text.
        continue;
    }
  }
}

std::string XmlReader::Attribute(std::string_view local_name) const {
  std::string value;
  if (reader_ == nullptr) return value;
  xmlTextReaderPtr r = R(reader_);
  if (xmlTextReaderMoveToFirstAttribute(r) != 1) return value;
  do {
    if (View(xmlTextReaderConstLocalName(r)) == local_name) {
      value.assign(View(xmlTextReaderConstValue(r)));
      break;
    }
  } while (xmlTextReaderMoveToNextAttribute(r) == 1);
  xmlTextReaderMoveToElement(r);
  return value;
}

void InitXml() {
  xmlInitParser();
  // Errors are reported through Status; libxml2 must not print to stderr,
  // in this thread or any created later.
  xmlSetStructuredErrorFunc(nullptr, IgnoreStructuredError);
  xmlThrDefSetStructuredErrorFunc(nullptr, IgnoreStructuredError);
}

}  // namespace tahqiq::extract::internal
