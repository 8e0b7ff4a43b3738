/* What a data file is, from its first bytes (not its name), and the dispatch to the reader
 * for it. Signatures: Stata .dta (<stata_dta> for formats 117-119, else a release byte
 * 104-115 and byte order 1 or 2), SPSS "$FL2"/"$FL3", SPSS portable "SPSSPORT", SAS
 * sas7bdat's 32-byte magic number, SAS transport "HEADER RECORD*******LIB", ZIP containers
 * (xlsx: an xl/ entry; ods: the OpenDocument mimetype), OLE2 compound files (.xls), byte
 * order marks of UTF-16/32, gzip, PDF, R's RDX2/RDX3. */
#include "qareport/import.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

enum { SNIFF = 4096 };

static const unsigned char sas7bdat_magic[32] = {
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xc2, 0xea, 0x81, 0x60,
    0xb3, 0x14, 0x11, 0xcf, 0xbd, 0x92, 0x08, 0x00, 0x09, 0xc7, 0x31, 0x8c, 0x18, 0x1f, 0x10, 0x11};

static int contains(const unsigned char *bytes, size_t size, const char *needle)
{
    size_t length = strlen(needle);
    for (size_t i = 0; i + length <= size; i++)
        if (memcmp(bytes + i, needle, length) == 0)
            return 1;
    return 0;
}

static qa_file_format sniff(const unsigned char *b, size_t n)
{
    if (n >= 11 && memcmp(b, "<stata_dta>", 11) == 0)
        return QA_FORMAT_STATA;
    if (n >= 4 && b[0] >= 104 && b[0] <= 115 && (b[1] == 1 || b[1] == 2) && b[2] == 1 && b[3] == 0)
        return QA_FORMAT_STATA;
    if (n >= 4 && (memcmp(b, "$FL2", 4) == 0 || memcmp(b, "$FL3", 4) == 0))
        return QA_FORMAT_SPSS;
    if (n >= 32 && memcmp(b, sas7bdat_magic, 32) == 0)
        return QA_FORMAT_SAS;
    if (n >= 23 && (memcmp(b, "HEADER RECORD*******LIB", 23) == 0 ||
                    memcmp(b, "HEADER RECORD*******LIBV8", 25) == 0))
        return QA_FORMAT_XPORT;
    if (n >= 4 && memcmp(b, "PK\x03\x04", 4) == 0) {
        if (contains(b, n, "application/vnd.oasis.opendocument.spreadsheet"))
            return QA_FORMAT_ODS;
        if (contains(b, n, "xl/") || contains(b, n, "[Content_Types].xml"))
            return QA_FORMAT_XLSX;
        return QA_FORMAT_ZIP;
    }
    if (n >= 8 && memcmp(b, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0)
        return QA_FORMAT_XLS;
    if (n >= 4 && (memcmp(b, "\xFF\xFE\x00\x00", 4) == 0 || memcmp(b, "\x00\x00\xFE\xFF", 4) == 0))
        return QA_FORMAT_UTF32;
    if (n >= 2 && (memcmp(b, "\xFF\xFE", 2) == 0 || memcmp(b, "\xFE\xFF", 2) == 0))
        return QA_FORMAT_UTF16;
    if (n >= 2 && b[0] == 0x1F && b[1] == 0x8B)
        return QA_FORMAT_GZIP;
    if (n >= 5 && memcmp(b, "%PDF-", 5) == 0)
        return QA_FORMAT_PDF;
    if (n >= 4 && (memcmp(b, "RDX2", 4) == 0 || memcmp(b, "RDX3", 4) == 0 ||
                   memcmp(b, "RDA2", 4) == 0 || memcmp(b, "RDA3", 4) == 0))
        return QA_FORMAT_RDATA;
    if (contains(b, n, "SPSSPORT"))
        return QA_FORMAT_SPSS_POR;
    /* UTF-16 without a byte order mark: every other byte NUL in ASCII text */
    size_t zeros_even = 0, zeros_odd = 0, zeros = 0;
    for (size_t i = 0; i < n; i++)
        if (b[i] == 0) {
            zeros++;
            if (i % 2)
                zeros_odd++;
            else
                zeros_even++;
        }
    if (n >= 8 && (zeros_odd * 2 >= n - 1 || zeros_even * 2 >= n - 1) &&
        (zeros_odd == 0 || zeros_even == 0))
        return QA_FORMAT_UTF16;
    if (zeros > 8 || (zeros > 0 && zeros * 100 >= n))
        return QA_FORMAT_BINARY; /* a stray NUL in text is reported where it is */
    return QA_FORMAT_CSV;
}

qa_status qa_detect_format(const char *path, qa_file_format *format, qa_error *error)
{
    FILE *file = fopen(path, "rb");
    if (!file)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "%s", strerror(errno));
    unsigned char bytes[SNIFF];
    size_t n = fread(bytes, 1, sizeof bytes, file);
    int failed = ferror(file);
    fclose(file);
    if (failed)
        return qa_error_set(error, QA_ERR_IO, path, 0, NULL, NULL, "read error");
    *format = sniff(bytes, n);
    return QA_OK;
}

const char *qa_file_format_name(qa_file_format format)
{
    static const char *const names[] = {
        [QA_FORMAT_CSV] = "CSV",           [QA_FORMAT_STATA] = "Stata",
        [QA_FORMAT_SPSS] = "SPSS",         [QA_FORMAT_SPSS_POR] = "SPSS portable",
        [QA_FORMAT_SAS] = "SAS",           [QA_FORMAT_XPORT] = "SAS transport",
        [QA_FORMAT_XLSX] = "Excel",        [QA_FORMAT_XLS] = "Excel 97-2003",
        [QA_FORMAT_ODS] = "OpenDocument",  [QA_FORMAT_ZIP] = "ZIP",
        [QA_FORMAT_GZIP] = "gzip",         [QA_FORMAT_UTF16] = "UTF-16 text",
        [QA_FORMAT_UTF32] = "UTF-32 text", [QA_FORMAT_PDF] = "PDF",
        [QA_FORMAT_RDATA] = "R data",      [QA_FORMAT_BINARY] = "binary"};
    return (unsigned)format < sizeof names / sizeof names[0] ? names[format] : "unknown";
}

const char *qa_file_format_advice(qa_file_format format)
{
    switch (format) {
    case QA_FORMAT_XLSX:
        return "this is an Excel workbook (.xlsx), not CSV: in Excel use File > Save As > "
               "\"CSV UTF-8 (Comma delimited)\", or in R write.csv(readxl::read_excel(FILE), "
               "\"data.csv\", row.names = FALSE)";
    case QA_FORMAT_XLS:
        return "this is an Excel 97-2003 workbook (.xls), not CSV: in Excel use File > Save As > "
               "\"CSV UTF-8 (Comma delimited)\", or in R write.csv(readxl::read_excel(FILE), "
               "\"data.csv\", row.names = FALSE)";
    case QA_FORMAT_ODS:
        return "this is an OpenDocument spreadsheet (.ods), not CSV: in LibreOffice use File > "
               "Save As > \"Text CSV\" with character set UTF-8";
    case QA_FORMAT_ZIP:
        return "this is a ZIP archive, not CSV: unzip it and give the .csv, .dta or .sav file "
               "inside";
    case QA_FORMAT_GZIP:
        return "this is a gzip-compressed file, not CSV: decompress it first (gunzip FILE)";
    case QA_FORMAT_UTF16:
        return "this is UTF-16 text (as Excel's \"Unicode Text\" writes it): save it as \"CSV "
               "UTF-8\", or pass --encoding utf-16";
    case QA_FORMAT_UTF32:
        return "this is UTF-32 text: save it as \"CSV UTF-8\", or pass --encoding utf-32";
    case QA_FORMAT_PDF:
        return "this is a PDF document, not a data file: export the table as CSV";
    case QA_FORMAT_RDATA:
        return "this is an R data file (.RData/.rds), not CSV: in R, write.csv(x, \"data.csv\", "
               "row.names = FALSE) or haven::write_dta(x, \"data.dta\")";
    case QA_FORMAT_BINARY:
        return "this is a binary file (it holds many NUL bytes), not CSV text, Stata, SPSS or SAS: "
               "export the data as CSV UTF-8";
    default:
        return NULL;
    }
}

qa_status qa_import_file(const char *path, const qa_codebook *codebook,
                         const qa_import_options *options, qa_dataset *dataset,
                         qa_error_list *errors)
{
    qa_dataset_init(dataset);
    qa_file_format format;
    qa_error error;
    qa_status status = qa_detect_format(path, &format, &error);
    if (status != QA_OK) {
        qa_error_list_add(errors, &error);
        return status;
    }
    const char *encoding = options ? options->encoding : NULL;
    int converting =
        encoding && *encoding && (format == QA_FORMAT_UTF16 || format == QA_FORMAT_UTF32);
    if (format == QA_FORMAT_CSV || converting)
        return qa_import_csv(path, codebook, options, dataset, errors);
    if (format >= QA_FORMAT_STATA && format <= QA_FORMAT_XPORT)
        return qa_import_readstat(path, format, codebook, options, dataset, errors);
    qa_error_set(&error, QA_ERR_INPUT, path, 0, NULL, NULL, "%s", qa_file_format_advice(format));
    qa_error_list_add(errors, &error);
    return QA_ERR_INPUT;
}
