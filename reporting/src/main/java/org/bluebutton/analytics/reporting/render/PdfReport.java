package org.bluebutton.analytics.reporting.render;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.logging.Level;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.jsoup.Jsoup;
import org.jsoup.helper.W3CDom;

/**
 * Prints the HTML report to PDF with openhtmltopdf (PDFBox 3; inline SVG through Batik), with only
 * the PDF base fonts, so it needs nothing installed. PDF writers stamp documents with the time and a
 * random file identifier; here the document information carries no dates and the identifier is
 * derived from the HTML, so the same report gives the same bytes.
 */
public final class PdfReport {

    static {
        // openhtmltopdf logs every rendering step through java.util.logging at INFO; keep warnings only.
        for (String logger : XRLog.listRegisteredLoggers()) {
            XRLog.setLevel(logger, Level.WARNING);
        }
    }

    private PdfReport() {
    }

    /** The PDF of {@code html} (a document produced by {@link HtmlReport}). */
    public static byte[] render(String html, String title) {
        try {
            org.w3c.dom.Document document = new W3CDom().fromJsoup(Jsoup.parse(html));
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withW3cDocument(document, null);
            builder.withProducer("bluebutton-reporting");
            builder.toStream(raw);
            builder.run();
            return stable(raw.toByteArray(), title, html);
        } catch (IOException | RuntimeException e) {
            throw new ReportRenderException("PDF", e);
        }
    }

    private static byte[] stable(byte[] pdf, String title, String html) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            info.setProducer("bluebutton-reporting");
            document.setDocumentInformation(info);
            byte[] id = Arrays.copyOf(sha256(html), 16);
            COSArray ids = new COSArray();
            ids.add(new COSString(id));
            ids.add(new COSString(id));
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            document.setDocumentId(0L);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
            document.save(out);
            return out.toByteArray();
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
