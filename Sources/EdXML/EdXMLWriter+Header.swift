extension EdXMLWriter {
    /// The document MessageHeader, children in the order of axis-protocol.md section 4.
    func writeMessageHeader(_ header: DocumentHeader, to output: XMLOutput) throws(EdXMLError) {
        try output.open("edXML:MessageHeader")
        try writeOrganization(header.from, as: "edXML:From", to: output)
        for recipient in header.to { try writeOrganization(recipient, as: "edXML:To", to: output) }
        try output.element("edXML:DocumentId", header.documentId)
        if let code = header.code {
            try output.open("edXML:Code")
            try output.element("edXML:CodeNumber", code.codeNumber)
            try output.element("edXML:CodeNotation", code.codeNotation)
            try output.close("edXML:Code")
        }
        if let info = header.promulgationInfo {
            try output.open("edXML:PromulgationInfo")
            try output.element("edXML:Place", info.place)
            try output.element("edXML:PromulgationDate", info.promulgationDate)
            try output.close("edXML:PromulgationInfo")
        }
        if let type = header.documentType {
            try output.open("edXML:DocumentType")
            try output.element("edXML:Type", type.type)
            try output.element("edXML:TypeDetail", type.typeDetail)
            try output.element("edXML:TypeName", type.typeName)
            try output.close("edXML:DocumentType")
        }
        try output.element("edXML:Subject", header.subject)
        try output.element("edXML:Content", header.content)
        if let signer = header.signerInfo {
            try output.open("edXML:SignerInfo")
            try output.element("edXML:Competence", signer.competence)
            try output.element("edXML:Position", signer.position)
            try output.element("edXML:FullName", signer.fullName)
            try output.close("edXML:SignerInfo")
        }
        try output.element("edXML:DueDate", header.dueDate)
        if !header.toPlaces.isEmpty {
            try output.open("edXML:ToPlaces")
            for place in header.toPlaces { try output.element("edXML:Place", place) }
            try output.close("edXML:ToPlaces")
        }
        if let other = header.otherInfo {
            try output.open("edXML:OtherInfo")
            try output.element("edXML:Priority", other.priority)
            try output.element("edXML:SphereOfPromulgation", other.sphereOfPromulgation)
            try output.element("edXML:TyperNotation", other.typerNotation)
            try output.element("edXML:PromulgationAmount", other.promulgationAmount)
            try output.element("edXML:PageAmount", other.pageAmount)
            try output.element("edXML:Direction", other.direction)
            if !other.appendixes.isEmpty {
                try output.open("edXML:Appendixes")
                for appendix in other.appendixes { try output.element("edXML:Appendix", appendix) }
                try output.close("edXML:Appendixes")
            }
            try output.close("edXML:OtherInfo")
        }
        for response in header.responseFor { try writeResponseFor(response, to: output) }
        try output.element("edXML:SteeringType", header.steeringType)
        try output.close("edXML:MessageHeader")
    }

    /// The status MessageHeader of section 6.
    func writeStatusHeader(_ header: StatusHeader, to output: XMLOutput) throws(EdXMLError) {
        try output.open("edXML:MessageHeader")
        try writeOrganization(header.from, as: "edXML:From", to: output)
        try writeResponseFor(header.responseFor, to: output)
        if let staff = header.staffInfo { try writeStaffInfo(staff, to: output) }
        try output.element("edXML:StatusCode", header.statusCode)
        try output.element("edXML:Description", header.description)
        try output.element("edXML:Timestamp", header.timestamp)
        try output.close("edXML:MessageHeader")
    }

    /// TraceHeaders, then the `Bussiness` block (spelled as the standard does) when given.
    func writeTraceHeaderList(_ traces: [TraceHeader], business: BusinessInfo?, to output: XMLOutput) throws(EdXMLError)
    {
        try output.open("edXML:TraceHeaderList")
        for trace in traces {
            try output.open("edXML:TraceHeader")
            try output.element("edXML:OrganId", trace.organId)
            try output.element("edXML:Timestamp", trace.timestamp)
            try output.close("edXML:TraceHeader")
        }
        if let business { try writeBusiness(business, to: output) }
        try output.close("edXML:TraceHeaderList")
    }

    private func writeBusiness(_ business: BusinessInfo, to output: XMLOutput) throws(EdXMLError) {
        try output.open("edXML:Bussiness")
        try output.element("edXML:DocumentId", business.documentId)
        try output.element("edXML:BussinessDocType", business.docType)
        try output.element("edXML:BussinessDocReason", business.docReason)
        try output.element("edXML:Paper", business.paper)
        if let info = business.documentInfo {
            try output.open("edXML:BussinessDocumentInfo")
            try output.element("edXML:DocumentInfo", info.documentInfo)
            try output.element("edXML:DocumentReceiver", info.documentReceiver)
            if !info.receivers.isEmpty {
                try output.open("edXML:ReceiverList")
                for receiver in info.receivers {
                    try output.open("edXML:Receiver")
                    try output.element("edXML:OrganId", receiver.organId)
                    try output.element("edXML:ReceiverType", receiver.receiverType)
                    try output.close("edXML:Receiver")
                }
                try output.close("edXML:ReceiverList")
            }
            try output.close("edXML:BussinessDocumentInfo")
        }
        if !business.replacements.isEmpty {
            try output.open("edXML:ReplacementInfoList")
            for replacement in business.replacements {
                try output.open("edXML:ReplacementInfo")
                try output.element("edXML:DocumentId", replacement.documentId)
                try output.open("edXML:OrganIdList")
                for organId in replacement.organIds { try output.element("edXML:OrganId", organId) }
                try output.close("edXML:OrganIdList")
                try output.close("edXML:ReplacementInfo")
            }
            try output.close("edXML:ReplacementInfoList")
        }
        if let staff = business.staffInfo { try writeStaffInfo(staff, to: output) }
        try output.close("edXML:Bussiness")
    }

    private func writeOrganization(_ organization: Organization, as name: String, to output: XMLOutput)
        throws(EdXMLError)
    {
        try output.open(name)
        try output.element("edXML:OrganId", organization.organId)
        try output.element("edXML:OrganizationInCharge", organization.organizationInCharge)
        try output.element("edXML:OrganName", organization.organName)
        try output.element("edXML:OrganAdd", organization.organAdd)
        try output.element("edXML:Email", organization.email)
        try output.element("edXML:Telephone", organization.telephone)
        try output.element("edXML:Fax", organization.fax)
        try output.element("edXML:Website", organization.website)
        try output.close(name)
    }

    private func writeResponseFor(_ response: ResponseFor, to output: XMLOutput) throws(EdXMLError) {
        try output.open("edXML:ResponseFor")
        try output.element("edXML:OrganId", response.organId)
        try output.element("edXML:Code", response.code)
        try output.element("edXML:PromulgationDate", response.promulgationDate)
        try output.element("edXML:DocumentId", response.documentId)
        try output.close("edXML:ResponseFor")
    }

    private func writeStaffInfo(_ staff: StaffInfo, to output: XMLOutput) throws(EdXMLError) {
        try output.open("edXML:StaffInfo")
        try output.element("edXML:Department", staff.department)
        try output.element("edXML:Staff", staff.staff)
        try output.element("edXML:Mobile", staff.mobile)
        try output.element("edXML:Email", staff.email)
        try output.close("edXML:StaffInfo")
    }
}
