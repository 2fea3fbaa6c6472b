"""The invitee's reply form (apart from members.forms, which members.models imports for its admin
forms: this one needs the models)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from members.models import InviteeRole, MemberProfile, Reply


class ReplyForm(forms.Form):
    """An invitee's reply: attend, not attend, or be represented by a colleague (chosen from the
    organisation's member users, or with name and e-mail address)."""

    response = forms.ChoiceField(label=_("Your reply"), widget=forms.RadioSelect)
    colleague = forms.ModelChoiceField(
        label=_("Represented by a colleague"),
        queryset=None,
        required=False,
        empty_label=_("– someone not listed –"),
    )
    substitute_name = forms.CharField(label=_("or the substitute's name"), max_length=255, required=False)
    substitute_email = forms.EmailField(label=_("and e-mail address"), required=False)

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(Reply.ATTENDING, _("I will attend")), (Reply.DECLINED, _("I will not attend"))]
        if invitation.role != InviteeRole.SUBSTITUTE and invitation.profile_id:
            choices.append((Reply.SUBSTITUTED, _("I will be represented by …")))
        self.fields["response"].choices = choices
        self.fields["response"].initial = invitation.response or None
        if invitation.profile_id and invitation.role != InviteeRole.SUBSTITUTE:
            self.fields["colleague"].queryset = (
                MemberProfile.objects.filter(
                    organisation_id=invitation.profile.organisation_id, user__is_active=True
                )
                .exclude(pk=invitation.profile_id)
                .select_related("user")
                .order_by("user__last_name", "user__first_name")
            )
            self.fields["colleague"].label_from_instance = lambda p: p.user.get_full_name() or p.user.email
            substitute = getattr(invitation, "current_substitute", None)
            if substitute is not None:
                self.fields["colleague"].initial = substitute.profile_id
                self.fields["substitute_name"].initial = substitute.name
                self.fields["substitute_email"].initial = substitute.email
        else:
            for name in ("colleague", "substitute_name", "substitute_email"):
                del self.fields[name]
