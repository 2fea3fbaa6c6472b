"""OParl 1.1: the public part of the committees' work through the German standard interface.

OParl (https://oparl.org, specification 1.1.1) is how councils' information systems publish their
bodies, committees, meetings, agendas and papers; apps and open-data portals read it without our API
documentation. The association is one Body; each committee an Organization; each stored meeting of a
public series a Meeting, named for ever by its series and original start (the calendar's identity);
its agenda (once the invitations went out) as embedded AgendaItems, non-public items by number only;
Paper and File only for papers the office made public; Location per venue; Person and Membership only
for member users who agreed to be published. What was removed stays as a deleted object
(core.models.Tombstone) so that synchronising clients learn it.

The objects are German, the association's working language, whatever the client asks for.

`objects` turns models into OParl objects (plain dicts), `lists` reads the list parameters and pages
through live and deleted objects, `views` answers the URLs of `urls`.
"""
