package cmer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** DEVELOPERS.md's package table as code: change both in one commit. */
@AnalyzeClasses(packages = "cmer", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule table = layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
            .layer("core").definedBy("cmer.core..")
            .layer("data").definedBy("cmer.data..")
            .layer("geo").definedBy("cmer.geo..")
            .layer("text").definedBy("cmer.text..")
            .layer("nn").definedBy("cmer.nn..")
            .layer("train").definedBy("cmer.train..", "cmer.eval..")
            .layer("search").definedBy("cmer.search..")
            .layer("cli").definedBy("cmer.cli..")
            .layer("app").definedBy("cmer.app..")
            .whereLayer("core").mayNotAccessAnyLayer()
            .whereLayer("data").mayOnlyAccessLayers("core")
            .whereLayer("geo").mayOnlyAccessLayers("core")
            .whereLayer("text").mayOnlyAccessLayers("core")
            .whereLayer("nn").mayOnlyAccessLayers("core", "text")
            .whereLayer("train").mayOnlyAccessLayers("core", "data", "geo", "text", "nn")
            .whereLayer("search").mayOnlyAccessLayers("core", "data", "geo", "text", "nn", "train")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("app").mayNotBeAccessedByAnyLayer()
            .because("the package table of DEVELOPERS.md fixes who may import whom");

    @ArchTest
    static final ArchRule cliAndAppApart = noClasses().that().resideInAPackage("cmer.cli..")
            .should().dependOnClassesThat().resideInAPackage("cmer.app..")
            .orShould().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the CLI trains on headless GPU boxes and must load without JavaFX; only cmer.Main joins the two");

    @ArchTest
    static final ArchRule fxOnlyInApp = noClasses().that().resideOutsideOfPackages("cmer.app..")
            .and().doNotHaveFullyQualifiedName("cmer.Main")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.jfree.chart.fx..")
            .because("the Studio is one client of the engine; nothing below cmer.app may need a display");

    @ArchTest
    static final ArchRule onlyCliPrints = noClasses().that().resideOutsideOfPackage("cmer.cli..")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .because("only the CLI talks to the terminal; lower layers report through cmer.core listeners or slf4j");

    @ArchTest
    static final ArchRule djlTrainingOnlyInTrainer = noClasses().that().resideOutsideOfPackages("cmer.train..", "cmer.eval..", "cmer.nn..")
            .should().dependOnClassesThat().resideInAPackage("ai.djl.training..")
            .because("optimizers, gradient collectors and trainers belong to the trainer (nn blocks need initializers only)");

    @ArchTest
    static final ArchRule neverDeserializeJava = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName("java.io.ObjectInputStream")
            .because("we never deserialize untrusted objects (checkpoints from users are data, not code)");

    @ArchTest
    static final ArchRule tokenizersFromLocalFilesOnly = noClasses().should()
            .callMethod(ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.class, "newInstance", String.class)
            .orShould().callMethod(ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.class, "newInstance", String.class, java.util.Map.class)
            .because("HuggingFaceTokenizer.newInstance(String name) downloads from the hub; we load local tokenizer.json files only");

    @ArchTest
    static final ArchRule slf4jOnly = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("java.util.logging..", "org.apache.log4j..", "org.apache.logging.log4j..")
            .because("slf4j is the one logging API");
}
