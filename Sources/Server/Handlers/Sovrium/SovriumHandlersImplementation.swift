import Foundation
import Generated
import Runtime

/// The Sovrium app's custom endpoint: its incoming webhook (`Schemas/sovrium/endpoints/`). The
/// runtime has checked the `X-Signature` HMAC and validated the body before this runs.
struct SovriumHandlersImplementation: SovriumHandlers {
    /// Gives the live contact with the message's email the names it carries (those it sends),
    /// or creates the contact. Either write is a table event, so outgoing webhooks on contacts
    /// fire, in the write's transaction. A second delivery of the same message finds the
    /// contact as the first left it and changes nothing. When the create meets the address
    /// already taken, it was either created meanwhile (the update is applied to it) or belongs to
    /// a deleted contact: then the message is acknowledged and nothing changes, since a deleted
    /// contact is the workspace's decision and a sender retrying could never get past it.
    func receiveContact(
        _ input: Sovrium.Operations.ReceiveContact.Input, context: HandlerContext
    ) async throws -> Sovrium.Operations.ReceiveContact.Output {
        let contacts = try context.store(Sovrium.Contacts.Record.self)
        let body = input.body
        for _ in 0..<2 {
            let found = try await contacts.read(contacts.records(where: Sovrium.Contacts.Columns.email == body.email, limit: 1)).first
            guard let contact = found else {
                do {
                    _ = try await contacts.create(.init(email: body.email, firstName: body.firstName, lastName: body.lastName))
                    return .init()
                } catch let error as APIError where error.status == .conflict {
                    continue
                }
            }
            var changes = Sovrium.Contacts.Record.Changes()
            if let first = body.firstName, first != contact.firstName { changes.firstName = .some(.some(first)) }
            if let last = body.lastName, last != contact.lastName { changes.lastName = .some(.some(last)) }
            guard changes.firstName != nil || changes.lastName != nil else { return .init() }
            // Compare-and-swap: a concurrent change of the contact wins, and the sender retries.
            guard try await contacts.update(contact.id, changes, ifUnchanged: contact) != nil else {
                throw APIError.conflict("The contact \(body.email) changed while this message was applied; send it again.")
            }
            return .init()
        }
        // The address belongs to a deleted contact.
        return .init()
    }
}
