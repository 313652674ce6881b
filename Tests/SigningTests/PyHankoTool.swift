import Foundation
import Testing

/// pyHanko, driven from a small Python script written next to the test's files: it makes the test corpus (a
/// reportlab PDF with a text field, approval and certification signatures, unsigned incremental updates of each
/// kind, validation data, document timestamps) and reports pyHanko's own validation verdict on every signature
/// (`validate_pdf_signature` with only the test root trusted), the anchor that lienthong's verdicts are compared with.
struct PyHankoTool {
    /// pyHanko's verdict on one signature.
    struct Verdict: Decodable, Equatable {
        let field: String
        let intact: Bool
        let trusted: Bool
        /// The later changes are compatible with the signature's modification policy.
        let docmdpOK: Bool?
        /// NONE, LTA_UPDATES, FORM_FILLING, ANNOTATIONS or OTHER.
        let modificationLevel: String?
        /// The certification level, nil for an approval signature.
        let docmdp: Int?
        let bottomLine: Bool
        /// The difference analysis' complaint, when it found a change it does not allow.
        let objection: String?

        enum CodingKeys: String, CodingKey {
            case field, intact, trusted, docmdp, objection
            case docmdpOK = "docmdp_ok"
            case modificationLevel = "modification_level"
            case bottomLine = "bottom_line"
        }
    }

    let directory: URL
    let caPath: String

    init(directory: URL, caPath: String) throws {
        self.directory = directory
        self.caPath = caPath
        try Self.script.write(to: directory.appendingPathComponent("corpus.py"), atomically: true, encoding: .utf8)
    }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// Runs `corpus.py COMMAND ARGUMENTS` and returns its standard output.
    @discardableResult
    func run(_ command: String, _ arguments: [String]) throws -> String {
        let result = try ExternalTools.run("python3", ["corpus.py", command] + arguments, in: directory)
        try #require(result.succeeded, "corpus.py \(command) \(arguments) failed: \(result.output)")
        return result.output
    }

    /// The two-page PDF with the text field `ghichu` on page 1.
    func make(_ name: String) throws -> String {
        try run("make", [path(name)])
        return path(name)
    }

    /// Signs with pyHanko; `certify` is the DocMDP level of a certification signature, 0 for an approval one.
    func sign(
        _ input: String, _ name: String, as signer: TestPKI.Issued, field: String, certify: Int = 0,
        visible: Bool = false
    ) throws -> String {
        try run(
            "sign",
            [
                input, path(name), signer.keyPath, signer.certificatePath, caPath, field, String(certify),
                visible ? "visible" : "invisible",
            ])
        return path(name)
    }

    /// An unsigned incremental update of `command` (content, annotation, fill, timestamp, dss, addfield).
    func update(_ command: String, _ input: String, _ name: String, _ arguments: [String] = []) throws -> String {
        try run(command, [input, path(name)] + arguments)
        return path(name)
    }

    /// pyHanko's verdicts; `acrobatLike` allows new visible signature fields after a certification, as Acrobat does.
    func validate(_ file: String, acrobatLike: Bool = false) throws -> [Verdict] {
        let output = try run("validate", [caPath, file] + (acrobatLike ? ["acrobat"] : []))
        let json = try #require(output.split(separator: "\n").last { $0.hasPrefix("[") })
        return try JSONDecoder().decode([Verdict].self, from: Data(json.utf8))
    }

    static let script = #"""
        import json, sys
        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
        from pyhanko.pdf_utils.reader import PdfFileReader


        def make(args):
            """A two-page PDF drawn by reportlab, with a text field on page 1."""
            from reportlab.pdfgen import canvas
            c = canvas.Canvas(args[0])
            c.drawString(72, 770, "Cong van so 123/UBND-VP")
            c.acroForm.textfield(name='ghichu', x=72, y=600, width=200, height=20, value='')
            c.showPage()
            c.drawString(72, 770, "Trang 2")
            c.showPage()
            c.save()


        def writer(path):
            return IncrementalPdfFileWriter(open(path, 'rb'))


        def finish(w, out):
            with open(out, 'wb') as f:
                w.write(f)


        def sign(args):
            from pyhanko.sign import signers, fields
            src, out, key, cert, ca, field, level, box = args
            signer = signers.SimpleSigner.load(key, cert, ca_chain_files=(ca,))
            level = int(level)
            meta = signers.PdfSignatureMetadata(
                field_name=field, certify=level > 0,
                docmdp_permissions=fields.MDPPerm(level) if level > 0 else fields.MDPPerm.FILL_FORMS)
            spec = None
            if box == 'visible':
                spec = fields.SigFieldSpec(field, on_page=0, box=(300, 700, 500, 760))
            w = writer(src)
            with open(out, 'wb') as f:
                signers.sign_pdf(w, meta, signer=signer, output=f, new_field_spec=spec)


        def addfield(args):
            """An empty signature field prepared on page 1: IN OUT NAME X1 Y1 X2 Y2."""
            from pyhanko.sign import fields
            src, out, name, *box = args
            w = writer(src)
            fields.append_signature_field(w, fields.SigFieldSpec(name, on_page=0, box=tuple(int(v) for v in box)))
            finish(w, out)


        def content(args):
            src, out = args
            w = writer(src)
            page_ref = w.root['/Pages']['/Kids'][0]
            page = page_ref.get_object()
            contents = page.raw_get('/Contents')
            stream = contents.get_object()
            data = stream.data.replace(b'123', b'999')
            assert data != stream.data
            new = generic.StreamObject(dict(stream.items()), stream_data=data)
            for k in ('/Filter', '/Length', '/DecodeParms'):
                new.pop(k, None)
            w.mark_update(contents)
            w.objects[(contents.generation, contents.idnum)] = new
            finish(w, out)


        def annotation(args):
            src, out = args
            w = writer(src)
            page_ref = w.root['/Pages']['/Kids'][0]
            page = page_ref.get_object()
            annot = generic.DictionaryObject({
                generic.NameObject('/Type'): generic.NameObject('/Annot'),
                generic.NameObject('/Subtype'): generic.NameObject('/Square'),
                generic.NameObject('/Rect'): generic.ArrayObject(list(map(generic.FloatObject, (60, 760, 300, 790)))),
                generic.NameObject('/C'): generic.ArrayObject([generic.FloatObject(1), generic.FloatObject(0), generic.FloatObject(0)]),
                generic.NameObject('/P'): page_ref,
            })
            ref = w.add_object(annot)
            annots = page.get('/Annots')
            if annots is None:
                page['/Annots'] = generic.ArrayObject([ref])
            else:
                annots.append(ref)
                if isinstance(page.raw_get('/Annots'), generic.IndirectObject):
                    w.mark_update(page.raw_get('/Annots'))
            w.update_container(page)
            finish(w, out)


        def fill(args):
            src, out, name, value = args
            w = writer(src)
            for field_ref in w.root['/AcroForm']['/Fields']:
                field = field_ref.get_object()
                if field.get('/T') == name:
                    field['/V'] = generic.TextStringObject(value)
                    w.mark_update(field_ref)
                    break
            else:
                sys.exit('no field ' + name)
            finish(w, out)


        def timestamp(args):
            from pyhanko.sign import signers, timestamps
            from pyhanko.keys import load_cert_from_pemder, load_private_key_from_pemder
            src, out, key, cert = args
            tsa = timestamps.DummyTimeStamper(
                tsa_cert=load_cert_from_pemder(cert), tsa_key=load_private_key_from_pemder(key, None))
            w = writer(src)
            with open(out, 'wb') as f:
                signers.PdfTimeStamper(tsa).timestamp_pdf(w, 'sha256', None, output=f)


        def dss(args):
            from pyhanko.sign.validation.dss import DocumentSecurityStore
            from pyhanko.keys import load_cert_from_pemder
            src, out, *certs = args
            w = writer(src)
            signature = w.prev.embedded_signatures[-1].sig_object['/Contents']
            DocumentSecurityStore.supply_dss_in_writer(
                w, signature, certs=[load_cert_from_pemder(c) for c in certs])
            finish(w, out)


        def validate(args):
            """Prints pyHanko's verdict on every approval and certification signature, as JSON."""
            from pyhanko.sign.validation import validate_pdf_signature
            from pyhanko.sign.diff_analysis import (
                DEFAULT_DIFF_POLICY, StandardDiffPolicy, FormUpdatingRule, SigFieldCreationRule,
                SigFieldModificationRule, GenericFieldModificationRule)
            from pyhanko.keys import load_cert_from_pemder
            from pyhanko_certvalidator import ValidationContext
            ca, path, *policy = args
            diff_policy = DEFAULT_DIFF_POLICY
            if policy == ['acrobat']:
                # The default policy with new visible signature fields allowed after a certification, as Acrobat does.
                diff_policy = StandardDiffPolicy(
                    global_rules=DEFAULT_DIFF_POLICY.global_rules,
                    form_rule=FormUpdatingRule(field_rules=[
                        SigFieldCreationRule(allow_new_visible_after_certify=True),
                        SigFieldModificationRule(), GenericFieldModificationRule()]))
            vc = ValidationContext(trust_roots=[load_cert_from_pemder(ca)])
            result = []
            with open(path, 'rb') as f:
                reader = PdfFileReader(f)
                for sig in reader.embedded_regular_signatures:
                    status = validate_pdf_signature(sig, vc, diff_policy=diff_policy)
                    level = status.modification_level
                    diff = status.diff_result
                    result.append({
                        'field': sig.field_name,
                        'intact': status.intact,
                        'trusted': status.trusted,
                        'docmdp_ok': status.docmdp_ok,
                        'modification_level': level.name if level else None,
                        'docmdp': sig.docmdp_level.value if sig.docmdp_level else None,
                        'bottom_line': status.bottom_line,
                        'objection': None if diff is None or hasattr(diff, 'modification_level') else str(diff),
                    })
            print(json.dumps(result))


        if __name__ == '__main__':
            globals()[sys.argv[1]](sys.argv[2:])
        """#
}
