extension EdXMLParseSession {
    func readMessageHeader() throws(EdXMLError) {
        try forEachChild { child throws(EdXMLError) in
            switch edXMLLocalName(child) {
            case "From": header.from = try readOrganization()
            case "To":
                try checkRoom(in: header.to, for: "To")
                header.to.append(try readOrganization())
            case "DocumentId": header.documentId = try readText()
            case "Code": try readCode()
            case "PromulgationInfo":
                var info = DocumentHeader.PromulgationInfo()
                try forEachChild { field throws(EdXMLError) in
                    switch edXMLLocalName(field) {
                    case "Place": info.place = try readText()
                    case "PromulgationDate": info.promulgationDate = try readText()
                    default: try tokenizer.skipElement()
                    }
                }
                header.promulgationInfo = info
            case "DocumentType":
                var type = DocumentHeader.DocumentType()
                try forEachChild { field throws(EdXMLError) in
                    switch edXMLLocalName(field) {
                    case "Type": type.type = try readText()
                    case "TypeDetail": type.typeDetail = try readText()
                    case "TypeName": type.typeName = try readText()
                    default: try tokenizer.skipElement()
                    }
                }
                header.documentType = type
            case "Subject": header.subject = try readText()
            case "Content": header.content = try readText()
            case "SignerInfo":
                var signer = DocumentHeader.SignerInfo()
                try forEachChild { field throws(EdXMLError) in
                    switch edXMLLocalName(field) {
                    case "Competence": signer.competence = try readText()
                    case "Position": signer.position = try readText()
                    case "FullName": signer.fullName = try readText()
                    default: try tokenizer.skipElement()
                    }
                }
                header.signerInfo = signer
            case "DueDate": header.dueDate = try readText()
            case "ToPlaces": header.toPlaces = try readList(of: "Place", appendingTo: header.toPlaces)
            case "OtherInfo": header.otherInfo = try readOtherInfo()
            case "ResponseFor":
                try checkRoom(in: header.responseFor, for: "ResponseFor")
                header.responseFor.append(try readResponseFor())
            case "SteeringType": header.steeringType = try readText()
            case "StaffInfo": header.staffInfo = try readStaffInfo()
            case "StatusCode": header.statusCode = try readText()
            case "Description": header.description = try readText()
            case "Timestamp": header.timestamp = try readText()
            default: try tokenizer.skipElement()
            }
        }
    }

    /// `Code` is `CodeNumber` + `CodeNotation` in a document header; some senders put plain text there.
    private func readCode() throws(EdXMLError) {
        var code = DocumentHeader.Code()
        var text = ""
        while let event = try tokenizer.next() {
            switch event {
            case .text(let piece):
                text += piece
                if text.utf8.count > limits.xml.maxTextBytes {
                    throw .textTooLarge(element: "Code", limit: limits.xml.maxTextBytes, at: tokenizer.position)
                }
            case .startElement(let field, _):
                switch edXMLLocalName(field) {
                case "CodeNumber": code.codeNumber = try readText()
                case "CodeNotation": code.codeNotation = try readText()
                default: try tokenizer.skipElement()
                }
            case .endElement:
                let plain = text.trimmingWhitespace()
                if code.codeNumber == nil, code.codeNotation == nil, !plain.isEmpty {
                    let parts = plain.split(separator: "/", maxSplits: 1).map(String.init)
                    code.codeNumber = parts.first
                    code.codeNotation = parts.count > 1 ? parts[1] : nil
                }
                header.code = code
                return
            }
        }
        throw .unexpectedEndOfInput(context: "inside Code", at: tokenizer.position)
    }

    func readOrganization() throws(EdXMLError) -> Organization {
        var organization = Organization(organId: "")
        try forEachChild { field throws(EdXMLError) in
            switch edXMLLocalName(field) {
            case "OrganId": organization.organId = try readText()
            case "OrganizationInCharge": organization.organizationInCharge = try readText()
            case "OrganName": organization.organName = try readText()
            case "OrganAdd": organization.organAdd = try readText()
            case "Email": organization.email = try readText()
            case "Telephone": organization.telephone = try readText()
            case "Fax": organization.fax = try readText()
            case "Website": organization.website = try readText()
            default: try tokenizer.skipElement()
            }
        }
        return organization
    }

    private func readOtherInfo() throws(EdXMLError) -> DocumentHeader.OtherInfo {
        var info = DocumentHeader.OtherInfo()
        try forEachChild { field throws(EdXMLError) in
            switch edXMLLocalName(field) {
            case "Priority": info.priority = try readText()
            case "SphereOfPromulgation": info.sphereOfPromulgation = try readText()
            case "TyperNotation": info.typerNotation = try readText()
            case "PromulgationAmount": info.promulgationAmount = try readText()
            case "PageAmount": info.pageAmount = try readText()
            case "Direction": info.direction = try readText()
            case "Appendixes": info.appendixes = try readList(of: "Appendix", appendingTo: info.appendixes)
            default: try tokenizer.skipElement()
            }
        }
        return info
    }

    private func readResponseFor() throws(EdXMLError) -> ResponseFor {
        var response = ResponseFor()
        try forEachChild { field throws(EdXMLError) in
            switch edXMLLocalName(field) {
            case "OrganId": response.organId = try readText()
            case "Code": response.code = try readText()
            case "PromulgationDate": response.promulgationDate = try readText()
            case "DocumentId": response.documentId = try readText()
            default: try tokenizer.skipElement()
            }
        }
        return response
    }

    func readStaffInfo() throws(EdXMLError) -> StaffInfo {
        var staff = StaffInfo()
        try forEachChild { field throws(EdXMLError) in
            switch edXMLLocalName(field) {
            case "Department": staff.department = try readText()
            case "Staff": staff.staff = try readText()
            case "Mobile": staff.mobile = try readText()
            case "Email": staff.email = try readText()
            default: try tokenizer.skipElement()
            }
        }
        return staff
    }

    /// `existing` followed by the texts of the `item` children of the element just opened
    /// (`ToPlaces/Place*`, ...).
    func readList(of item: String, appendingTo existing: [String] = []) throws(EdXMLError) -> [String] {
        var values = existing
        try forEachChild { field throws(EdXMLError) in
            guard edXMLLocalName(field) == item else { return try tokenizer.skipElement() }
            try checkRoom(in: values, for: item)
            values.append(try readText())
        }
        return values
    }

    func readTraceHeaderList() throws(EdXMLError) {
        try forEachChild { child throws(EdXMLError) in
            switch edXMLLocalName(child) {
            case "TraceHeader":
                try checkRoom(in: traces, for: "TraceHeader")
                var trace = TraceHeader()
                try forEachChild { field throws(EdXMLError) in
                    switch edXMLLocalName(field) {
                    case "OrganId": trace.organId = try readText()
                    case "Timestamp": trace.timestamp = try readText()
                    default: try tokenizer.skipElement()
                    }
                }
                traces.append(trace)
            case "Bussiness", "Business":
                business = try readBusiness()
            default:
                try tokenizer.skipElement()
            }
        }
    }

    private func readBusiness() throws(EdXMLError) -> BusinessInfo {
        var info = BusinessInfo()
        try forEachChild { field throws(EdXMLError) in
            switch edXMLLocalName(field) {
            case "DocumentId": info.documentId = try readText()
            case "BussinessDocType", "BusinessDocType": info.docType = try readText()
            case "BussinessDocReason", "BusinessDocReason": info.docReason = try readText()
            case "Paper": info.paper = try readText()
            case "StaffInfo": info.staffInfo = try readStaffInfo()
            case "BussinessDocumentInfo", "BusinessDocumentInfo": info.documentInfo = try readBusinessDocumentInfo()
            case "ReplacementInfoList":
                try forEachChild { item throws(EdXMLError) in
                    guard edXMLLocalName(item) == "ReplacementInfo" else { return try tokenizer.skipElement() }
                    try checkRoom(in: info.replacements, for: "ReplacementInfo")
                    var replacement = BusinessInfo.ReplacementInfo()
                    try forEachChild { part throws(EdXMLError) in
                        switch edXMLLocalName(part) {
                        case "DocumentId": replacement.documentId = try readText()
                        case "OrganIdList":
                            replacement.organIds = try readList(of: "OrganId", appendingTo: replacement.organIds)
                        default: try tokenizer.skipElement()
                        }
                    }
                    info.replacements.append(replacement)
                }
            default: try tokenizer.skipElement()
            }
        }
        return info
    }

    private func readBusinessDocumentInfo() throws(EdXMLError) -> BusinessInfo.DocumentInfo {
        var info = BusinessInfo.DocumentInfo()
        try forEachChild { field throws(EdXMLError) in
            switch edXMLLocalName(field) {
            case "DocumentInfo": info.documentInfo = try readText()
            case "DocumentReceiver": info.documentReceiver = try readText()
            case "ReceiverList":
                try forEachChild { item throws(EdXMLError) in
                    guard edXMLLocalName(item) == "Receiver" else { return try tokenizer.skipElement() }
                    try checkRoom(in: info.receivers, for: "Receiver")
                    var receiver = BusinessInfo.Receiver()
                    try forEachChild { part throws(EdXMLError) in
                        switch edXMLLocalName(part) {
                        case "OrganId": receiver.organId = try readText()
                        case "ReceiverType": receiver.receiverType = try readText()
                        default: try tokenizer.skipElement()
                        }
                    }
                    info.receivers.append(receiver)
                }
            default: try tokenizer.skipElement()
            }
        }
        return info
    }
}
