package org.bluebutton.analytics.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bluebutton.analytics.reporting.ReportFixture;
import org.junit.jupiter.api.Test;

class PdfReportTest {

    @Test
    void the_pdf_carries_the_reports_text_and_the_same_html_prints_to_the_same_bytes() throws Exception {
        String html = HtmlReport.render(ReportFixture.snapshot(), "1.2.3");

        byte[] first = PdfReport.render(html, "Annual Report 2025");
        byte[] second = PdfReport.render(html, "Annual Report 2025");

        assertThat(second).isEqualTo(first);
        try (PDDocument pdf = Loader.loadPDF(first)) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text).contains("Annual Report 2025", "72,008", "<11", "Acme Manufacturing", "Download rates of every reporting data holder");
            assertThat(pdf.getDocumentInformation().getTitle()).isEqualTo("Annual Report 2025");
            assertThat(pdf.getDocumentInformation().getCreationDate()).isNull();
        }
    }
}
