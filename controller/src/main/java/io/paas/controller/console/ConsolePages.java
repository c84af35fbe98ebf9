package io.paas.controller.console;

import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's templates (paas-console/templates/*.ftlh in the web-console jar), rendered to HTML. One
 * FreeMarker Configuration, made at the first page asked for: an idle controller whose console nobody opens
 * pays nothing for it. Every template is .ftlh: whatever a tenant wrote (config keys, release summaries,
 * failure reasons) is HTML-escaped unless a template says otherwise. One does: metrics.ftlh inserts the SVG
 * that SvgChart draws from numbers, having escaped every text in it (process names too) itself.
 */
@ApplicationScoped
public class ConsolePages {
    static final String TEMPLATES = "paas-console/templates";
    private volatile Configuration configuration;

    public String render(String template, Map<String, Object> model) {
        try {
            StringWriter html = new StringWriter();
            configuration().getTemplate(template + ".ftlh").process(model, html);
            return html.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("console template " + template, e);
        } catch (TemplateException e) {
            throw new IllegalStateException("console template " + template + ": " + e.getMessageWithoutStackTop(), e);
        }
    }

    private Configuration configuration() {
        Configuration made = configuration;
        if (made == null) {
            synchronized (this) {
                made = configuration;
                if (made == null) {
                    made = configure();
                    configuration = made;
                }
            }
        }
        return made;
    }

    private static Configuration configure() {
        // 2.3.34's defaults: records' components read as properties (release.version), .ftlh means HTML output.
        Configuration made = new Configuration(Configuration.VERSION_2_3_34);
        made.setClassLoaderForTemplateLoading(ConsolePages.class.getClassLoader(), TEMPLATES);
        made.setRecognizeStandardFileExtensions(true);
        made.setDefaultEncoding("UTF-8");
        made.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        made.setLogTemplateExceptions(false);
        made.setWrapUncheckedExceptions(true);
        made.setFallbackOnNullLoopVariable(false);
        // Templates make no Java objects of their own (no ?new): they only show what the pages give them.
        made.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
        made.setAPIBuiltinEnabled(false);
        return made;
    }
}
