# Os dados dos membros em segurança: confirmação antes de apagar, entradas
# do catálogo que nunca são sobrescritas, resenhas que mantêm o texto.

safety-cancel = Cancelar
safety-drama-exists = **{ $title }** já está no catálogo deste servidor, e nada foi alterado. Para mudar os dados, use `/catalog edit`.
safety-track-exists = **{ $title }** ({ $drama }) já está no catálogo deste servidor, e nada foi alterado. Para mudar os dados, use `/catalog edit`.
safety-shared-entry = Essa entrada é do catálogo compartilhado. Só dá para editar ou remover as entradas que este servidor adicionou.
safety-nothing-to-edit = Informe pelo menos um campo para mudar, por exemplo `title` ou `year`.
safety-not-your-confirmation = Só quem fez o pedido pode responder.
safety-confirmation-gone = Este pedido já foi respondido ou expirou. Use o comando de novo.
safety-catalog-edited = **{ $entry }** foi atualizado. Os campos que você não informou continuam iguais.

safety-review-text-kept = O texto que você escreveu foi mantido. Para tirá-lo, faça a resenha de novo com `text: -`.
safety-track-in-other-drama = Essa música não é de **{ $drama }**. Você quis dizer **{ $track }**?
safety-review-that-track = Avaliar esta música

safety-forget-prompt = Isto apaga para sempre, em todos os servidores:
    • { $reviews ->
        [0] { $reviews } resenhas
        [one] 1 resenha
       *[other] { $reviews } resenhas
    } e { $versions ->
        [0] { $versions } versões anteriores
        [one] 1 versão anterior
       *[other] { $versions } versões anteriores
    }
    • seus votos em { $ballots ->
        [0] { $ballots } enquetes
        [one] 1 enquete
       *[other] { $ballots } enquetes
    }
    • { $nominations ->
        [0] { $nominations } indicações semanais
        [one] 1 indicação semanal
       *[other] { $nominations } indicações semanais
    }
    As notas da comunidade mudam de acordo. Não dá para desfazer.
safety-forget-done = Pronto. Apagado em todos os servidores: { $reviews ->
        [0] { $reviews } resenhas
        [one] 1 resenha
       *[other] { $reviews } resenhas
    } (com { $versions ->
        [0] { $versions } versões anteriores
        [one] 1 versão anterior
       *[other] { $versions } versões anteriores
    }), seus votos em { $ballots ->
        [0] { $ballots } enquetes
        [one] 1 enquete
       *[other] { $ballots } enquetes
    } e { $nominations ->
        [0] { $nominations } indicações
        [one] 1 indicação
       *[other] { $nominations } indicações
    }.

safety-remove-review-prompt = Remover a resenha **#{ $id }** de **{ $author }** sobre { $subject } ({ $score }/10)? A remoção fica registrada.
safety-remove-review-confirm = Remover a resenha
safety-remove-review-kept = A resenha não foi removida.

safety-config-reset-prompt = Redefinir todas as configurações deste servidor? O canal de resenhas, o canal de sugestões, os cargos e o ciclo semanal são desligados, e as páginas públicas saem do ar (se você ativar de novo, elas ganham um link novo). Enquetes abertas ainda fecham no horário.
safety-config-reset-confirm = Redefinir tudo
safety-config-reset-kept = Nada foi alterado.

safety-remove-entry-prompt = **{ $entry }** tem dados de membros: { $reviews ->
        [0] { $reviews } resenhas
        [one] 1 resenha
       *[other] { $reviews } resenhas
    }, { $options ->
        [0] { $options } opções de enquete
        [one] 1 opção de enquete
       *[other] { $options } opções de enquete
    } e { $nominations ->
        [0] { $nominations } indicações
        [one] 1 indicação
       *[other] { $nominations } indicações
    }.
    Com **Ocultar**, a entrada sai da busca e tudo isso é mantido (as resenhas continuam nos perfis e nas exportações). **Apagar** remove a entrada para sempre, junto com as resenhas.
safety-remove-entry-hide = Ocultar e manter as resenhas
safety-remove-entry-purge = Apagar com as resenhas
safety-remove-entry-kept = Nada foi removido.
safety-remove-entry-hidden = A entrada não aparece mais na busca. As resenhas dos membros foram mantidas.
safety-remove-entry-purged = A entrada e tudo o que estava ligado a ela foram apagados.
